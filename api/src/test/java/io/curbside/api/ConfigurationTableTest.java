package io.curbside.api;

import io.curbside.api.testing.ConfiguredVariables.Mention;
import io.curbside.api.testing.ConfiguredVariables;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's configuration table and docs/curbside.env.example list exactly the environment
 * variables Curbside reads (application.yml, logback.xml, System.getenv), each with the default
 * it really has.
 */
class ConfigurationTableTest {

    /** Read by script/server and script/test, not by Curbside: in the table, not in the example. */
    private static final Set<String> SCRIPT_LEVEL = Set.of("CURBSIDE_JAVA_OPTS",
            "CURBSIDE_TEST_JDBC_URL", "CURBSIDE_TEST_JDBC_USER", "CURBSIDE_TEST_JDBC_PASSWORD");
    private static final Pattern NAME = Pattern.compile("`(CURBSIDE_[A-Z0-9_]+|_[A-Z0-9_]+)`");
    private static final Pattern EXAMPLE_LINE = Pattern.compile("^(#?)(CURBSIDE_[A-Z0-9_]+)=(.*)$");

    /** A row of the table: the variables it names, and its default column. */
    private record Row(List<String> names, String defaults) {
    }

    @Test
    void theTableListsExactlyTheVariablesCurbsideReads() {
        Set<String> read = read().keySet();
        Set<String> listed = new TreeSet<>();
        table().forEach(row -> listed.addAll(row.names()));

        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(listed);
        Set<String> extra = new TreeSet<>(listed);
        extra.removeAll(read);
        extra.removeAll(SCRIPT_LEVEL);
        assertEquals(Set.of(), missing, "read by Curbside but not in README.md's configuration table");
        assertEquals(Set.of(), extra, "in README.md's configuration table but read by nothing");
    }

    @Test
    void scriptLevelVariablesAreInTheTableAndUsedByTheScripts() {
        Set<String> listed = new TreeSet<>();
        table().forEach(row -> listed.addAll(row.names()));
        String scripts = scripts();
        for (String name : SCRIPT_LEVEL) {
            assertTrue(listed.contains(name), name + " is not in README.md's configuration table");
            assertTrue(scripts.contains(name), name + " is used by no script: drop it from the table and this list");
        }
    }

    @Test
    void theTableGivesEachVariableItsDefault() {
        Map<String, String> defaults = read();
        List<String> wrong = new ArrayList<>();
        for (Row row : table()) {
            for (String name : row.names()) {
                String value = defaults.get(name);
                if (value != null && !value.isEmpty() && !row.defaults().contains("`" + value + "`")) {
                    wrong.add(name + ": the default is `" + value + "`, the table says " + row.defaults());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theExampleSetsEachVariableOnceAtItsDefaultCommentedOut() {
        Map<String, String> defaults = read();
        Map<String, String> example = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (String line : ConfiguredVariables.lines(ConfiguredVariables.root().resolve("docs/curbside.env.example"))) {
            Matcher m = EXAMPLE_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                wrong.add(line + ": set, not commented out");
            }
            if (example.put(m.group(2), m.group(3)) != null) {
                wrong.add(m.group(2) + ": twice");
            }
        }
        assertEquals(new TreeSet<>(defaults.keySet()), new TreeSet<>(example.keySet()),
                "docs/curbside.env.example names other variables than Curbside reads");
        defaults.forEach((name, value) -> {
            if (!value.equals(example.get(name))) {
                wrong.add(name + ": the default is \"" + value + "\", the example says \"" + example.get(name) + '"');
            }
        });
        assertEquals(List.of(), wrong);
    }

    /** The variables Curbside reads, with their defaults ("" where none). */
    private static Map<String, String> read() {
        Map<String, String> read = new LinkedHashMap<>();
        for (Mention mention : ConfiguredVariables.mentions()) {
            String value = mention.defaultValue() == null ? "" : mention.defaultValue();
            read.merge(mention.name(), value, (a, b) -> a.isEmpty() ? b : a);
        }
        return read;
    }

    /**
     * The rows of README.md's configuration table. A row may name several variables, the later ones
     * short: {@code CURBSIDE_S3_ENDPOINT} / {@code _REGION} is CURBSIDE_S3_REGION, a short name
     * replacing as many words at the end of the row's first name as it has.
     */
    private static List<Row> table() {
        List<String> lines = ConfiguredVariables.lines(ConfiguredVariables.root().resolve("README.md"));
        int start = lines.indexOf("## Configuration");
        assertTrue(start >= 0, "README.md has no \"## Configuration\" section");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("| `CURBSIDE_")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            assertEquals(3, cells.length, "not variable | meaning | default: " + line);
            rows.add(new Row(names(cells[0]), cells[2].strip()));
        }
        assertTrue(!rows.isEmpty(), "README.md's configuration table has no rows");
        return rows;
    }

    private static List<String> names(String cell) {
        List<String> names = new ArrayList<>();
        Matcher m = NAME.matcher(cell);
        while (m.find()) {
            String name = m.group(1);
            if (name.startsWith("_")) {
                assertTrue(!names.isEmpty(), "a short name with no full one before it: " + cell);
                List<String> words = new ArrayList<>(Arrays.asList(names.get(0).split("_")));
                int replaced = name.substring(1).split("_").length;
                name = String.join("_", words.subList(0, words.size() - replaced)) + name;
            }
            names.add(name);
        }
        return names;
    }

    private static String scripts() {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(ConfiguredVariables.root().resolve("script"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(Files.readString(file)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
