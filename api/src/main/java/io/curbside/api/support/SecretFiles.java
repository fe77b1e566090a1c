package io.curbside.api.support;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every setting {@code CURBSIDE_X} may be given instead as {@code CURBSIDE_X_FILE}, the path of a
 * file holding its value (Docker and Kubernetes secrets: {@code /run/secrets/x}), so a password
 * or key never has to sit in the environment, where {@code docker inspect}, crash reports and
 * child processes see it. Read once, before any other setting, for every application context
 * (the server, the import command, the tests).
 */
@ContextConfigurer
public final class SecretFiles implements ApplicationContextConfigurer {

    private static final String PREFIX = "CURBSIDE_";
    private static final String SUFFIX = "_FILE";

    @Override
    public void configure(ApplicationContextBuilder builder) {
        Map<String, Object> values = read(System.getenv());
        if (!values.isEmpty()) {
            builder.propertySources(PropertySource.of("curbside-secret-files", values));
        }
    }

    /**
     * The settings the environment's {@code _FILE} variables name, with their files' contents (one
     * final line break dropped, as {@code echo} and editors add it). Refuses a setting given both
     * ways, and a file that cannot be read, naming the variable.
     */
    static Map<String, Object> read(Map<String, String> environment) {
        Map<String, Object> values = new TreeMap<>();
        environment.forEach((name, path) -> {
            if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) || name.length() <= PREFIX.length() + SUFFIX.length()) {
                return;
            }
            String setting = name.substring(0, name.length() - SUFFIX.length());
            if (environment.containsKey(setting)) {
                throw new ConfigurationException(setting + " and " + name + " are both set: give the value one way.");
            }
            try {
                values.put(setting, withoutFinalLineBreak(Files.readString(Path.of(path), StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                throw new ConfigurationException(name + " names " + path + ", which cannot be read: " + e, e);
            }
        });
        return values;
    }

    private static String withoutFinalLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
