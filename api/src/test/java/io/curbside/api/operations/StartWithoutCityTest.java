package io.curbside.api.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.curbside.api.StartupImports;
import io.curbside.api.testing.DatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A city that names no files and does not ask for the demo starts empty, and the log says so. */
@MicronautTest(transactional = false)
class StartWithoutCityTest extends DatabaseTest {

    private static final ListAppender<ILoggingEvent> LOGGED = listen();

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    protected Map<String, String> extraProperties() {
        // As in production: the test environment's demo-city is not set here.
        return Map.of("curbside.demo-city", "false");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nothingIsImportedAndTheLogSaysWhatIsMissingAndHowToLoadIt() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT (SELECT count(*) FROM catalog_import), (SELECT count(*) FROM jurisdiction),
                       (SELECT count(*) FROM service)""")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
            assertEquals(0, rs.getInt(2));
            assertEquals(0, rs.getInt(3));
        }
        List<String> warnings = LOGGED.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("No city loaded: CURBSIDE_JURISDICTION is not set")
                && w.contains("CURBSIDE_DEMO_CITY=true")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("No catalog loaded: CURBSIDE_CATALOG is not set")
                && w.contains("script/import catalog")), warnings.toString());
        Map<?, ?> services = client.toBlocking().retrieve(HttpRequest.GET("/v1/services"), Map.class);
        assertEquals(List.of(), services.get("services"), "it serves, with no services: " + services);
        Map<?, ?> collections = client.toBlocking().retrieve(HttpRequest.GET("/ogc/collections"), Map.class);
        assertEquals(List.of("service-requests"), ((List<Map<?, ?>>) collections.get("collections")).stream()
                .map(c -> c.get("id")).toList(), "no city, no district collections, only the requests: " + collections);
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(StartupImports.class)).addAppender(appender);
        return appender;
    }
}
