package io.curbside.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables Curbside itself reads, as its sources name them: the placeholders of
 * application.yml ({@code ${CURBSIDE_X:default}}) and logback.xml ({@code ${CURBSIDE_X:-default}}),
 * and {@code System.getenv("CURBSIDE_X")} in the main Java sources.
 */
public final class ConfiguredVariables {

    private static final Pattern YAML = Pattern.compile("\\$\\{(CURBSIDE_[A-Z0-9_]+)(?::(`[^`]*`|[^}]*))?}");
    private static final Pattern LOGBACK = Pattern.compile("\\$\\{(CURBSIDE_[A-Z0-9_]+)(?::-([^}]*))?}");
    private static final Pattern GETENV = Pattern.compile("System\\.getenv\\(\"(CURBSIDE_[A-Z0-9_]+)\"\\)");
    private static final String RESOURCES = "api/src/main/resources/";
    public static final String MAIN_JAVA = "api/src/main/java";

    private ConfiguredVariables() {
    }

    /**
     * One place a variable is read.
     *
     * @param defaultValue what it is when unset, as that place says; null where it says none
     * @param where        the file and line
     */
    public record Mention(String name, String defaultValue, String where) {
    }

    /** Every place, in file order: application.yml, logback.xml, then the Java sources. */
    public static List<Mention> mentions() {
        List<Mention> mentions = new ArrayList<>();
        placeholders(RESOURCES + "application.yml", YAML, mentions);
        placeholders(RESOURCES + "logback.xml", LOGBACK, mentions);
        for (Path java : javaSources()) {
            List<String> lines = lines(java);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = GETENV.matcher(lines.get(i));
                while (m.find()) {
                    mentions.add(new Mention(m.group(1), null, root().relativize(java) + ":" + (i + 1)));
                }
            }
        }
        return mentions;
    }

    /** The main Java sources of the application. */
    public static List<Path> javaSources() {
        try (Stream<Path> files = Files.walk(root().resolve(MAIN_JAVA))) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's root: the tests run in the api module's directory, or from the root itself. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("api/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void placeholders(String file, Pattern pattern, List<Mention> into) {
        List<String> lines = lines(root().resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("#")) {
                continue;
            }
            Matcher m = pattern.matcher(lines.get(i));
            int from = 0;
            while (m.find(from)) {
                from = m.end();
                String value = m.group(2);
                if (value != null && value.startsWith("${")) {
                    // ${CURBSIDE_A:${CURBSIDE_B:x}}: unset, A is B; no default of its own. B is read on.
                    from = m.start(2);
                    value = null;
                }
                if (value != null && value.length() >= 2 && value.startsWith("`") && value.endsWith("`")) {
                    value = value.substring(1, value.length() - 1);
                }
                into.add(new Mention(m.group(1), value, file + ":" + (i + 1)));
            }
        }
    }
}
