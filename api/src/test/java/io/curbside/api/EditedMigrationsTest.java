package io.curbside.api;

import io.curbside.api.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A city's database migrated with an earlier version of an edited migration (V3, V4, V8) starts,
 * as Flyway at start-up sees it; one whose migration differs in any other way still does not.
 * script/check-migrations checks the schema such a database ends with.
 */
class EditedMigrationsTest {

    /** V4 as it first landed (9a2a2d7), and as it is. */
    private static final int FIRST_V4 = 645277532;
    private static final int V4 = -675347752;

    @Test
    void anEarlierVersionOfAnEditedMigrationIsTakenForTheCurrentOne() throws SQLException {
        TestDatabase.Server database = TestDatabase.freshDatabase("EditedMigrationsEarlier");
        migrate(database);
        setChecksum(database, FIRST_V4);

        migrate(database);

        assertEquals(V4, checksum(database));
    }

    @Test
    void anyOtherDifferenceStillStopsTheStart() throws SQLException {
        TestDatabase.Server database = TestDatabase.freshDatabase("EditedMigrationsOther");
        migrate(database);
        setChecksum(database, FIRST_V4 + 1);

        FlywayValidateException refused = assertThrows(FlywayValidateException.class, () -> migrate(database));

        assertTrue(refused.getMessage().contains("checksum mismatch for migration version 4"), refused.getMessage());
        assertEquals(FIRST_V4 + 1, checksum(database));
    }

    /** As the app does at start-up (application.yml): the packaged migrations, validated first. */
    private static void migrate(TestDatabase.Server database) {
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").load().migrate();
    }

    private static void setChecksum(TestDatabase.Server database, int checksum) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement("UPDATE flyway_schema_history SET checksum = ? WHERE version = '4'")) {
            ps.setInt(1, checksum);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static int checksum(TestDatabase.Server database) throws SQLException {
        try (Connection c = database.connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT checksum FROM flyway_schema_history WHERE version = '4'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
