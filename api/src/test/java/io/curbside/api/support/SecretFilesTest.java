package io.curbside.api.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.io.service.SoftServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CURBSIDE_X_FILE gives setting CURBSIDE_X from a file, for every setting and every application context. */
class SecretFilesTest {

    @TempDir
    Path secrets;

    @Test
    void eachFileVariableSetsItsSettingToTheFilesContent() throws IOException {
        Path password = write("db_password", "correct horse\n");
        Path key = write("smtp_password", "line one\r\n");
        Map<String, Object> values = SecretFiles.read(Map.of(
                "CURBSIDE_DATABASE_PASSWORD_FILE", password.toString(),
                "CURBSIDE_SMTP_PASSWORD_FILE", key.toString(),
                "CURBSIDE_PORT", "8080",
                "OTHER_APP_PASSWORD_FILE", "/nowhere",
                "CURBSIDE_FILE", "/nowhere"));
        assertEquals(Map.of("CURBSIDE_DATABASE_PASSWORD", "correct horse", "CURBSIDE_SMTP_PASSWORD", "line one"), values);
    }

    @Test
    void theSettingsOfTheApplicationTakeTheFilesValues() throws IOException {
        Map<String, Object> values = SecretFiles.read(Map.of(
                "CURBSIDE_DATABASE_PASSWORD_FILE", write("db", "from-a-file\n").toString(),
                "CURBSIDE_S3_SECRET_KEY_FILE", write("s3", "s3-secret").toString(),
                "CURBSIDE_JWT_SIGNING_KEY_FILE", write("jwk", "{\"kty\":\"EC\"}\n").toString()));
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(PropertySource.of("curbside-secret-files", values)).build()) {
            Environment environment = context.getEnvironment();
            environment.start();
            assertEquals("from-a-file", environment.getProperty("datasources.default.password", String.class).orElseThrow());
            assertEquals("s3-secret", environment.getProperty("curbside.photos.s3.secret-key", String.class).orElseThrow());
            assertEquals("{\"kty\":\"EC\"}", environment.getProperty("curbside.tokens.signing-key", String.class).orElseThrow());
        }
    }

    @Test
    void aSettingGivenBothWaysOrAnUnreadableFileStopsTheStart() throws IOException {
        Path file = write("pw", "x");
        ConfigurationException both = assertThrows(ConfigurationException.class, () -> SecretFiles.read(Map.of(
                "CURBSIDE_SMTP_PASSWORD", "y", "CURBSIDE_SMTP_PASSWORD_FILE", file.toString())));
        assertTrue(both.getMessage().contains("CURBSIDE_SMTP_PASSWORD and CURBSIDE_SMTP_PASSWORD_FILE are both set"),
                both.getMessage());
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> SecretFiles.read(Map.of(
                "CURBSIDE_S3_ACCESS_KEY_FILE", secrets.resolve("absent").toString())));
        assertTrue(missing.getMessage().startsWith("CURBSIDE_S3_ACCESS_KEY_FILE names "), missing.getMessage());
    }

    @Test
    void everyApplicationContextAppliesIt() {
        // Micronaut's own service loader, which every ApplicationContext.builder() asks for configurers.
        assertTrue(SoftServiceLoader.load(ApplicationContextConfigurer.class).collectAll().stream()
                .anyMatch(SecretFiles.class::isInstance), "SecretFiles is a registered context configurer");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(secrets.resolve(name), content);
    }
}
