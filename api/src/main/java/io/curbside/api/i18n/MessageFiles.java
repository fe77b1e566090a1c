package io.curbside.api.i18n;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the message files, {@code messages/messages_<language tag>.properties} in UTF-8, from every
 * directory and jar on the classpath, so that a language is added by adding a file.
 */
final class MessageFiles {

    private static final String DIRECTORY = "messages/";
    private static final Pattern NAME = Pattern.compile("messages_(.+)\\.properties");

    private MessageFiles() {
    }

    /**
     * Each language's messages by key. Where two files on the classpath have the same language,
     * the one found first (as a class would be) wins each key the two share, so a directory put
     * before Curbside's jar can change one sentence without copying the rest.
     */
    static Map<String, Map<String, String>> read(ClassLoader loader) {
        Map<String, Map<String, String>> languages = new TreeMap<>();
        try {
            for (URL directory : Collections.list(loader.getResources(DIRECTORY))) {
                for (URL file : files(directory)) {
                    String name = file.getPath().substring(file.getPath().lastIndexOf('/') + 1);
                    Matcher m = NAME.matcher(name);
                    if (!m.matches()) {
                        continue;
                    }
                    if (!LanguageTags.isValid(m.group(1))) {
                        throw new IllegalStateException(file + ": \"" + m.group(1) + "\" is not a language tag; name "
                                + "the file after one, e.g. messages_pt-br.properties");
                    }
                    Map<String, String> messages = languages.computeIfAbsent(LanguageTags.normalize(m.group(1)),
                            tag -> new LinkedHashMap<>());
                    load(file).forEach(messages::putIfAbsent);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the message files", e);
        }
        return languages;
    }

    private static List<URL> files(URL directory) throws IOException {
        List<URL> files = new ArrayList<>();
        switch (directory.getProtocol()) {
            case "file" -> {
                try (Stream<Path> paths = Files.list(Path.of(directory.toURI()))) {
                    for (Path path : paths.sorted().toList()) {
                        files.add(path.toUri().toURL());
                    }
                } catch (URISyntaxException e) {
                    throw new IOException(directory + " is not a file", e);
                }
            }
            case "jar" -> {
                // Not closed: with URL caching on, this JarFile is shared by every jar: URL into the same jar.
                JarURLConnection jar = (JarURLConnection) directory.openConnection();
                for (JarEntry entry : Collections.list(jar.getJarFile().entries())) {
                    String name = entry.getName();
                    if (name.startsWith(DIRECTORY) && name.indexOf('/', DIRECTORY.length()) < 0 && !entry.isDirectory()) {
                        files.add(new URL(directory, name.substring(DIRECTORY.length())));
                    }
                }
            }
            default -> throw new IllegalStateException("cannot list the message files in " + directory);
        }
        return files;
    }

    private static Map<String, String> load(URL file) throws IOException {
        Properties properties = new Properties();
        // A decoder that reports bad bytes, so a file saved as Latin-1 fails here instead of showing "�" to residents.
        try (Reader reader = new InputStreamReader(file.openStream(), StandardCharsets.UTF_8.newDecoder())) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IOException(file + " is not a UTF-8 properties file: " + e.getMessage(), e);
        }
        Map<String, String> messages = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> messages.put(key, properties.getProperty(key)));
        return messages;
    }
}
