package io.curbside.api.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The PostGIS the tests run against: {@code CURBSIDE_TEST_JDBC_URL} when set, else a
 * Testcontainers {@code postgis/postgis} when a Docker engine answers, else a failure that says
 * how to get one. Each test class gets a database of its own, copied from a template that
 * already has PostGIS, so classes never see each other's rows.
 */
public final class TestDatabase {

    private static final String PREFIX = "cs_t_";
    /** Runs sharing a server keep apart by name: cs_t_{start epoch s}_{random}_...; leftovers expire. */
    private static final String RUN = PREFIX + Instant.now().getEpochSecond() + "_"
            + UUID.randomUUID().toString().substring(0, 6) + "_";
    private static final String TEMPLATE = RUN + "template";
    private static final Duration LEFTOVER_AGE = Duration.ofHours(3);
    private static final String HOW_TO = """
            Curbside's tests need PostgreSQL with PostGIS. Either
              - set CURBSIDE_TEST_JDBC_URL (e.g. jdbc:postgresql://127.0.0.1:5432/postgres) to a server where
                the user may CREATE DATABASE and PostGIS is installed (Debian: apt-get install postgresql-15-postgis-3), or
              - start a Docker engine, and the tests start postgis/postgis themselves,
            or simply run script/test, which does the first for you.""";

    /** The read-only open-data role (password the same), made on the server when missing; V16 grants it the published schema. */
    public static final String OPENDATA_ROLE = "curbside_opendata";

    private static Server server;

    private TestDatabase() {
    }

    /** Connection settings of a new, empty database with PostGIS, for one test class. */
    public static synchronized Server freshDatabase(String owner) {
        Server base = server();
        String slug = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = RUN + slug.substring(0, Math.min(20, slug.length())) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        execute(base, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return base.withDatabase(name);
    }

    private static Server server() {
        if (server != null) {
            return server;
        }
        String url = System.getenv("CURBSIDE_TEST_JDBC_URL");
        Server found;
        if (url != null && !url.isBlank()) {
            found = new Server(url, env("CURBSIDE_TEST_JDBC_USER", "postgres"), env("CURBSIDE_TEST_JDBC_PASSWORD", ""));
        } else if (dockerAnswers()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(
                    DockerImageName.parse("postgis/postgis:15-3.4").asCompatibleSubstituteFor("postgres"));
            container.start();
            found = new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        } else {
            throw new IllegalStateException(HOW_TO);
        }
        prepare(found);
        server = found;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(found, name -> name.startsWith(RUN))));
        return found;
    }

    /** Drops what earlier runs left behind and makes the template with PostGIS. */
    private static void prepare(Server base) {
        try (Connection c = base.connect()) {
            c.createStatement().execute("SELECT 1");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + base.url() + ": " + e.getMessage() + "\n" + HOW_TO, e);
        }
        drop(base, TestDatabase::isLeftover);
        execute(base, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + OPENDATA_ROLE + "') THEN "
                + "CREATE ROLE " + OPENDATA_ROLE + " LOGIN PASSWORD '" + OPENDATA_ROLE + "'; END IF; END $$");
        execute(base, "CREATE DATABASE " + TEMPLATE);
        try (Connection c = base.withDatabase(TEMPLATE).connect(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the PostGIS extension on " + base.url() + ": " + e.getMessage()
                    + "\n" + HOW_TO, e);
        }
    }

    /** Another run's databases are left alone unless older than any run can be (CI stops at 90 min). */
    private static boolean isLeftover(String name) {
        String[] parts = name.substring(PREFIX.length()).split("_", 2);
        try {
            return Instant.ofEpochSecond(Long.parseLong(parts[0])).isBefore(Instant.now().minus(LEFTOVER_AGE));
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void drop(Server base, Predicate<String> which) {
        List<String> names = new ArrayList<>();
        try (Connection c = base.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return;
        }
        for (String name : names) {
            if (which.test(name)) {
                execute(base, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private static void execute(Server base, String sql) {
        try (Connection c = base.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + base.url() + ": " + e.getMessage(), e);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** Where a database is and how to log in. */
    public record Server(String url, String user, String password) {

        public Server withDatabase(String database) {
            // jdbc:postgresql://host:port/name?options -> same with another name
            int slash = url.indexOf('/', "jdbc:postgresql://".length());
            int query = url.indexOf('?', slash);
            String rest = query < 0 ? "" : url.substring(query);
            return new Server(url.substring(0, slash + 1) + database + rest, user, password);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }
}
