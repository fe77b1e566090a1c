package io.curbside.api.ogc;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OGC API – Features Part 1 (/req/core/fc-response B): numberMatched, if given, is the number of
 * matching features. Past the counting bound the collection service-requests answers the planner's
 * estimate, so there it leaves numberMatched out and says numberMatchedEstimate. Its own class (and
 * database): the 1,100 rows it adds would make the paging walk of ServiceRequestsCollectionTest long.
 */
@MicronautTest(transactional = false)
class NumberMatchedEstimateTest extends HttpTest {

    private static final String ITEMS = "/ogc/collections/service-requests/items";
    private static final int COPIES = (int) PublishedRequestSource.EXACT_COUNT_BOUND + 100;

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    private OgcClient ogc;

    /** One request filed, and copies of its published row under other numbers, received in 2100. */
    @BeforeAll
    void seed() throws SQLException {
        ogc = new OgcClient(server.getPort(), mapper);
        String number = (String) requests.filed(Reports.aPothole()).get("tracking_number");
        try (Connection c = connect(); Statement s = c.createStatement();
             PreparedStatement copy = c.prepareStatement("""
                     CREATE TEMP TABLE copies AS
                     SELECT p.* FROM opendata.published_request p, generate_series(1, ?) WHERE p.tracking_number = ?""")) {
            copy.setInt(1, COPIES);
            copy.setString(2, number);
            copy.execute();
            s.execute("CREATE TEMP SEQUENCE copy_number");
            s.execute("UPDATE copies SET tracking_number = 'CS-COPY-' || nextval('copy_number')");
            s.execute("UPDATE copies SET received_at = timestamptz '2100-01-01 00:00Z'"
                    + " + substring(tracking_number FROM 9)::int * interval '1 minute'");
            s.execute("INSERT INTO opendata.published_request SELECT * FROM copies");
        }
    }

    @Test
    void pastTheCountingBoundThePageGivesAnEstimateAndNoNumberMatched() {
        Map<String, Object> page = items("limit=10&datetime=2099-01-01T00:00:00Z/..");
        assertFalse(page.containsKey("numberMatched"), () -> "not counted, so not said: " + page.keySet());
        long estimate = ((Number) page.get("numberMatchedEstimate")).longValue();
        assertTrue(estimate > PublishedRequestSource.EXACT_COUNT_BOUND,
                "never fewer than the count found before it stopped: " + estimate);
        assertEquals(10, page.get("numberReturned"));
        String html = new String(ogc.get(ITEMS + "?limit=10&datetime=2099-01-01T00:00:00Z/..&f=html").body(),
                StandardCharsets.UTF_8);
        assertTrue(html.contains("10 of about " + estimate + " features"), html);
    }

    @Test
    void aFewMatchesAreCountedExactlyAndGiveNoEstimate() {
        Map<String, Object> page = items("limit=2&datetime=2100-01-01T00:00:00Z/2100-01-01T00:05:00Z");
        assertEquals(5, page.get("numberMatched"), "copies 1 to 5, counted though the page holds 2");
        assertFalse(page.containsKey("numberMatchedEstimate"));
        Map<String, Object> old = items("datetime=../2099-01-01T00:00:00Z");
        assertEquals(1, old.get("numberMatched"), "every match on the page");
        String html = new String(ogc.get(ITEMS + "?limit=2&datetime=2100-01-01T00:00:00Z/2100-01-01T00:05:00Z&f=html")
                .body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("2 of 5 features"), html);
    }

    private Map<String, Object> items(String query) {
        HttpResponse<byte[]> answer = ogc.get(ITEMS + "?" + query);
        assertEquals(200, answer.statusCode(), () -> new String(answer.body(), StandardCharsets.UTF_8));
        Map<String, Object> page = ogc.json(answer);
        assertEquals(List.of(), OgcShapes.featureCollection(page));
        return page;
    }
}
