package io.curbside.api;

import io.curbside.api.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Landed migrations never change: each file in {@code db/migration} has the checksum listed for
 * it in {@code CHECKSUMS} beside it, and no file is there unlisted.
 */
class MigrationChecksumsTest {

    /** The sources, not target/classes: a file deleted from the sources may linger in a build. */
    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");
    /** The same, as seen from the repository's root, where a developer reads the message. */
    private static final String SHOWN = "api/src/main/resources/db/migration";
    private static final String LIST = "CHECKSUMS";
    private static final String WHAT_TO_DO = """

            A landed migration never changes: every database that ran it keeps what it did, and Flyway
            refuses to start on a database whose migration's checksum differs. Undo the change to the
            landed file (git checkout -- %1$s/<file>) and make it a new migration, V<next>__<what>.sql;
            then add the new file to %1$s/%2$s in a commit of its own.""".formatted(SHOWN, LIST);

    @Test
    void everyListedMigrationIsAsItLanded() throws IOException {
        List<String> problems = new ArrayList<>();
        listed().forEach((file, checksum) -> {
            Path path = MIGRATIONS.resolve(file);
            if (!Files.exists(path)) {
                problems.add(file + " is listed but was deleted.");
            } else if (checksum(path) != checksum) {
                problems.add(file + " was edited: its checksum is now " + checksum(path) + ", and was " + checksum
                        + " when it landed.");
            }
        });
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems) + WHAT_TO_DO);
        }
    }

    @Test
    void everyFileIsListed() throws IOException {
        Map<String, Integer> listed = listed();
        List<String> unlisted = new ArrayList<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(LIST) && !listed.containsKey(name))
                    .sorted()
                    .forEach(name -> unlisted.add(checksum(MIGRATIONS.resolve(name)) + " " + name));
        }
        if (!unlisted.isEmpty()) {
            fail("Not in " + SHOWN + "/" + LIST + ":\n" + String.join("\n", unlisted)
                    + "\nAdd a new migration to the list (the lines above) in a commit of its own once it is final:"
                    + " from then on it never changes. A landed migration renamed is an edit: rename it back.");
        }
    }

    /** The list is worth only as much as its numbers are Flyway's: a database Flyway migrates records the same. */
    @Test
    void theChecksumsAreTheOnesFlywayRecords() throws IOException, SQLException {
        TestDatabase.Server database = TestDatabase.freshDatabase(getClass().getSimpleName());
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("filesystem:" + MIGRATIONS).load().migrate();
        Map<String, Integer> recorded = new TreeMap<>();
        try (Connection c = database.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT script, checksum FROM flyway_schema_history WHERE checksum IS NOT NULL")) {
            while (rs.next()) {
                recorded.put(rs.getString(1), rs.getInt(2));
            }
        }
        Map<String, Integer> computed = new TreeMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            files.map(p -> p.getFileName().toString()).filter(name -> name.matches("[VR].*__.*\\.sql"))
                    .forEach(name -> computed.put(name, checksum(MIGRATIONS.resolve(name))));
        }
        assertEquals(computed, recorded);
    }

    /** File name to checksum, in the order listed; lines starting with # are comments. */
    private static Map<String, Integer> listed() throws IOException {
        Map<String, Integer> listed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(MIGRATIONS.resolve(LIST), StandardCharsets.UTF_8)) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] parts = entry.split("\\s+");
            if (parts.length != 2) {
                fail(LIST + " lines are \"checksum file\", not: " + line);
            }
            listed.put(parts[1], Integer.parseInt(parts[0]));
        }
        return listed;
    }

    /** Flyway's checksum: CRC32 over the UTF-8 of each line without its line break or byte order mark. */
    static int checksum(Path file) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                crc.update((line.startsWith("\uFEFF") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
        return (int) crc.getValue();
    }
}
