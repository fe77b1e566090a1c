package io.curbside.api.testing;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Base of every test that needs the database: the class gets a fresh PostGIS database, which
 * the application migrates and fills with the demo city and catalog on start-up. Subclasses use
 * {@code @MicronautTest(transactional = false)}: the app commits as it does in production, and
 * checks through {@link #connect()} see what a client would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTest implements TestPropertyProvider {

    private TestDatabase.Server database;
    private Path photos;

    @Override
    public Map<String, String> getProperties() {
        database = TestDatabase.freshDatabase(getClass().getSimpleName());
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", database.url());
        properties.put("datasources.default.username", database.user());
        properties.put("datasources.default.password", database.password());
        properties.put("datasources.opendata.url", database.url());
        properties.put("datasources.opendata.username", TestDatabase.OPENDATA_ROLE);
        properties.put("datasources.opendata.password", TestDatabase.OPENDATA_ROLE);
        properties.put("curbside.photos.directory", photoDirectory().toString());
        // A free port, not 8080: other checkouts on the same machine may be running their tests too.
        properties.put("micronaut.server.port", "-1");
        // Every test client is 127.0.0.1, and some fire hundreds of requests: the limiter still
        // counts them (so it runs under the whole suite) but never refuses. Rate limit tests set theirs.
        properties.put("curbside.rate-limit.reads-per-minute", "1000000000");
        properties.put("curbside.rate-limit.writes-per-minute", "1000000000");
        properties.put("curbside.rate-limit.api-key-per-minute", "1000000000");
        properties.putAll(extraProperties());
        return properties;
    }

    /** This class's own photo directory, under the build's target directory, made on first use. */
    protected Path photoDirectory() {
        if (photos == null) {
            try {
                Path target = Path.of("target", "test-photos");
                Files.createDirectories(target);
                photos = Files.createTempDirectory(target, getClass().getSimpleName() + "-").toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return photos;
    }

    /** Settings a test class adds or overrides. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    /** A direct connection to this class's database, to check rows behind the API's back. */
    protected Connection connect() throws SQLException {
        return database.connect();
    }

    /** A connection to the server's maintenance database, to act on this class's database from outside. */
    protected Connection connectToServer() throws SQLException {
        return database.withDatabase("postgres").connect();
    }
}
