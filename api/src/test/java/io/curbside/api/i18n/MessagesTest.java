package io.curbside.api.i18n;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Curbside's own sentences: every language file complete, and each said by CLDR's rules for its language. */
class MessagesTest {

    private static final ZoneId RIVERTON = ZoneId.of("America/New_York");
    /** 19:00 in Riverton is already the next day in UTC, where the tests' JVM may be. */
    private static final ZonedDateTime FRIDAY_EVENING = ZonedDateTime.of(2026, 11, 20, 19, 0, 0, 0, RIVERTON);
    private static final ZonedDateTime WEDNESDAY = ZonedDateTime.of(2026, 11, 25, 23, 59, 59, 0, RIVERTON);

    private final Messages messages = Messages.classpath();

    @Test
    void everyLanguageFileHasEveryEnglishMessageWithTheSamePlaceholdersAndEachCompiles() throws Exception {
        Map<String, Properties> files = bundledFiles();
        assertTrue(files.keySet().containsAll(Set.of("en", "es", "vi", "zh", "hmn")), files.keySet().toString());
        Properties english = files.get("en");
        assertTrue(english.size() > 10, "the English file has the messages");
        files.forEach((language, texts) -> {
            assertEquals(english.stringPropertyNames(), texts.stringPropertyNames(), language + " has English's keys");
            for (String key : english.stringPropertyNames()) {
                assertEquals(placeholders(english.getProperty(key)), placeholders(texts.getProperty(key)),
                        language + " " + key);
                new MessageFormat(texts.getProperty(key), ULocale.forLanguageTag(language));
            }
        });
    }

    @Test
    void pluralsFollowEachLanguagesRules() {
        assertEquals("1 business day", messages.say("en", "target.business_days", Map.of("n", 1)));
        assertEquals("3 business days", messages.say("en", "target.business_days", Map.of("n", 3)));
        assertEquals("1 día hábil", messages.say("es", "target.business_days", Map.of("n", 1)));
        assertEquals("21 días hábiles", messages.say("es", "target.business_days", Map.of("n", 21)));
        assertEquals("1个工作日", messages.say("zh", "target.business_days", Map.of("n", 1)));
        assertEquals("48 giờ", messages.say("vi", "target.hours", Map.of("n", 48)));
    }

    @Test
    void datesAreSaidAsEachLanguageWritesThemInTheirOwnZone() {
        assertEquals("Wednesday, November 25, 2026", messages.say("en", "due.date", Map.of("due", WEDNESDAY)));
        assertEquals("miércoles, 25 de noviembre de 2026", messages.say("es", "due.date", Map.of("due", WEDNESDAY)));
        assertEquals("November 20, 2026, 7:00 PM", messages.say("en", "due.date_time", Map.of("due", FRIDAY_EVENING)));
        assertEquals("20 de noviembre de 2026 19:00", messages.say("es", "due.date_time", Map.of("due", FRIDAY_EVENING)));
        assertEquals("19:00, 20 tháng 11, 2026", messages.say("vi", "due.date_time", Map.of("due", FRIDAY_EVENING)));
        assertEquals("2026年11月20日 下午7:00", messages.say("zh", "due.date_time", Map.of("due", FRIDAY_EVENING)));
    }

    @Test
    void hmongHasNoCldrDatesOrPluralsSoItsFileWritesDatesInNumbers() {
        ULocale hmong = ULocale.forLanguageTag("hmn");
        assertEquals(Set.of("other"), PluralRules.forLocale(hmong).getKeywords(), "ICU falls back to one form");
        assertFalse(Arrays.stream(DateFormat.getAvailableULocales()).anyMatch(l -> l.getLanguage().equals("hmn")),
                "ICU has no Hmong dates; it would borrow another language's month names");
        assertEquals("1 hnub", messages.say("hmn", "target.calendar_days", Map.of("n", 1)));
        assertEquals("3 hnub", messages.say("hmn", "target.calendar_days", Map.of("n", 3)));
        assertEquals("2026-11-25", messages.say("hmn", "due.date", Map.of("due", WEDNESDAY)));
        assertEquals("2026-11-20 19:00", messages.say("hmn", "due.date_time", Map.of("due", FRIDAY_EVENING)));
    }

    @Test
    void aLanguageWithoutAFileIsSaidInEnglishAndARegionalTagByItsLanguagesFile() {
        assertFalse(messages.speaks("fr"));
        assertEquals("Sent to the Streets Department",
                messages.say("fr", "timeline.routed", Map.of("department", "Streets Department")));
        assertEquals("Wednesday, November 25, 2026", messages.say("fr", "due.date", Map.of("due", WEDNESDAY)),
                "an English sentence with an English date, not a French one");
        assertTrue(messages.speaks("es-mx"));
        assertEquals("Recibido", messages.say("es-mx", "timeline.received", Map.of()));
    }

    @Test
    void anApostropheIsTextAndAValueIsNeverReadAsAPattern() {
        assertTrue(Messages.english("problem.contact.neighbour", Map.of()).startsWith("needs the neighbour's e-mail"));
        assertEquals("That location is outside Coeur d'Alene {Idaho}, so Coeur d'Alene {Idaho} cannot take this "
                + "report. Please check the pin, or contact the city or county responsible for that place.",
                Messages.english("problem.outside", Map.of("city", "Coeur d'Alene {Idaho}")));
    }

    @Test
    void aMissingValueOrMessageIsTheCallersMistake() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> messages.say("en", "timeline.routed", Map.of("dept", "Streets")));
        assertTrue(missing.getMessage().contains("[department]"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> messages.say("en", "no.such.message", Map.of()));
        assertFalse(messages.has("no.such.message"));
        assertTrue(messages.has("timeline.routed"));
    }

    @Test
    void threadsSayingDatesAtOnceDoNotMixThemUp() throws Exception {
        int days = 200;
        String[] expected = new String[days];
        for (int d = 0; d < days; d++) {
            expected[d] = messages.say("es", "due.date", Map.of("due", WEDNESDAY.plusDays(d)));
        }
        Set<String> wrong = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int offset = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    int d = (i * 7 + offset) % days;
                    String said = messages.say("es", "due.date", Map.of("due", WEDNESDAY.plusDays(d)));
                    if (!said.equals(expected[d])) {
                        wrong.add(said + " for " + expected[d]);
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(Set.of(), wrong);
    }

    private static Map<String, Properties> bundledFiles() throws IOException, URISyntaxException {
        Path directory = Path.of(MessagesTest.class.getResource("/messages/messages_en.properties").toURI()).getParent();
        Map<String, Properties> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path path : paths.toList()) {
                String name = path.getFileName().toString();
                Properties texts = new Properties();
                try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    texts.load(reader);
                }
                files.put(name.substring("messages_".length(), name.length() - ".properties".length()), texts);
            }
        }
        return files;
    }

    /** The placeholder names a pattern uses, those inside plural and select branches too. */
    private static Set<String> placeholders(String pattern) {
        MessagePattern parsed = new MessagePattern(pattern);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < parsed.countParts(); i++) {
            if (parsed.getPartType(i) == MessagePattern.Part.Type.ARG_NAME) {
                names.add(parsed.getSubstring(parsed.getPart(i)));
            }
        }
        return names;
    }
}
