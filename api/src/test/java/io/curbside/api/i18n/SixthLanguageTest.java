package io.curbside.api.i18n;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A language is added by a file, with no Java: a directory on the classpath holding
 * {@code messages/messages_xx.properties} (here a made-up language) makes Curbside speak it.
 */
class SixthLanguageTest {

    private static final Map<String, String> STREETS = Map.of("department", "Streets Department");

    @Test
    void aFileOnTheClasspathAddsALanguageAndWhatItLacksIsSaidInEnglish() throws IOException {
        assertFalse(Messages.classpath().speaks("xx"), "Curbside itself does not know xx");
        Messages messages = Messages.load(new URLClassLoader(new URL[] {directory("sixth-language")},
                Messages.class.getClassLoader()));

        assertTrue(messages.languages().contains("xx"), messages.languages().toString());
        assertTrue(messages.languages().containsAll(Messages.classpath().languages()), "the others are still there");
        assertTrue(messages.speaks("xx"));
        assertEquals("Zorbat", messages.say("xx", "timeline.received", Map.of()));
        assertEquals("Zorbat Streets Department-ka", messages.say("xx", "timeline.routed", STREETS));
        assertEquals("1 sol", messages.say("xx", "target.calendar_days", Map.of("n", 1)));
        assertEquals("3 sol", messages.say("xx", "target.calendar_days", Map.of("n", 3)));
        assertEquals("Acknowledged by the Streets Department", messages.say("xx", "timeline.acknowledged", STREETS),
                "a message the file lacks is said in English");
        assertEquals("1 business day", messages.say("xx", "target.business_days", Map.of("n", 1)),
                "and by English's plural rules, not xx's");
    }

    @Test
    void aDirectoryBeforeCurbsideOnTheClasspathChangesOneSentenceAndKeepsTheRest() throws IOException {
        URL curbside = Messages.class.getProtectionDomain().getCodeSource().getLocation();
        Messages messages = Messages.load(new URLClassLoader(new URL[] {directory("city-wording"), curbside},
                ClassLoader.getPlatformClassLoader()));

        assertEquals("A note from City Hall", messages.say("en", "timeline.note", Map.of()));
        assertEquals("Closed", messages.say("en", "timeline.closed", Map.of()));
        assertEquals("Nota de la ciudad", messages.say("es", "timeline.note", Map.of()));
    }

    @Test
    void aTranslationWithOtherPlaceholdersThanEnglishFailsToLoadNamingTheFileAndMessage(@TempDir Path root)
            throws IOException {
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> load(root, "messages_zz.properties", "timeline.routed=Zorbat {departamento}-ka"));
        assertTrue(wrong.getMessage().startsWith("messages_zz.properties: timeline.routed has the placeholders "
                + "[departamento] where English has [department]"), wrong.getMessage());
    }

    @Test
    void aPatternThatDoesNotCompileOrAFileNotNamedByALanguageTagFailsToLoad(@TempDir Path root) throws IOException {
        IllegalStateException broken = assertThrows(IllegalStateException.class,
                () -> load(root.resolve("broken"), "messages_zz.properties", "target.hours={n, plural, one {# zor}"));
        assertTrue(broken.getMessage().startsWith("messages_zz.properties: target.hours: "), broken.getMessage());
        IllegalStateException misnamed = assertThrows(IllegalStateException.class,
                () -> load(root.resolve("misnamed"), "messages_en_US.properties", "timeline.closed=Closed"));
        assertTrue(misnamed.getMessage().contains("\"en_US\" is not a language tag"), misnamed.getMessage());
    }

    private static URL directory(String name) {
        return SixthLanguageTest.class.getResource(name + "/");
    }

    private static Messages load(Path root, String file, String text) throws IOException {
        Files.createDirectories(root.resolve("messages"));
        Files.writeString(root.resolve("messages").resolve(file), text + "\n", StandardCharsets.UTF_8);
        return Messages.load(new URLClassLoader(new URL[] {root.toUri().toURL()}, Messages.class.getClassLoader()));
    }
}
