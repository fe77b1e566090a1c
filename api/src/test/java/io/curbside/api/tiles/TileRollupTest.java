package io.curbside.api.tiles;

import io.curbside.api.testing.CatalogAdmin;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rollup the cells come from (V29), kept by the publication itself: a filed request is in its cell at once,
 * a status change moves it from one status's count to the other's, a service turned sensitive is left out of a
 * cell where it has fewer than five, and back to open it is shown again. Each step read as a map reads it, through
 * the tile of zoom 12 the request lies in.
 */
@MicronautTest(transactional = false)
class TileRollupTest extends HttpTest {

    private People people;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void people() {
        people = new People(http);
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePublicationKeepsTheCellsAsRequestsChange() throws SQLException {
        String number = (String) requests.filed(Reports.aPothole()).get("tracking_number");
        assertEquals(Map.of("count", 1L, "count_received", 1L, "count_acknowledged", 0L), potholes());

        String streets = token(people.staffOf("streets"));
        String etag = http.toBlocking().exchange(HttpRequest.GET("/v1/staff/requests/" + number).bearerAuth(streets), JSON)
                .getHeaders().get("ETag");
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/status",
                Map.of("status", "acknowledged", "note", "Crew booked.")).header("If-Match", etag).bearerAuth(streets), JSON);
        assertEquals(Map.of("count", 1L, "count_received", 0L, "count_acknowledged", 1L), potholes());

        CatalogAdmin admin = new CatalogAdmin(http, token(people.admin()));
        HttpResponse<Map<String, Object>> current = admin.get("pothole");
        Map<String, Object> entry = new HashMap<>((Map<String, Object>) current.body().get("definition"));
        String catalogTag = current.getHeaders().get("ETag");
        try {
            catalogTag = admin.replace("pothole", CatalogAdmin.with(entry, "privacy", "sensitive"), catalogTag)
                    .getHeaders().get("ETag");
            assertEquals(Map.of("count", 0L, "count_received", 0L, "count_acknowledged", 0L), potholes(),
                    "one request of a sensitive service is in no cell");
            assertEquals(List.of(true), sensitiveFlags());
        } finally {
            admin.replace("pothole", CatalogAdmin.with(entry, "privacy", "open"), catalogTag);
        }
        assertEquals(Map.of("count", 1L, "count_received", 0L, "count_acknowledged", 1L), potholes());
        assertEquals(List.of(false), sensitiveFlags());
    }

    /** The potholes in the cells of the zoom-12 tiles around the reports' point, summed. */
    private Map<String, Long> potholes() {
        long count = 0;
        long received = 0;
        long acknowledged = 0;
        int[] centre = TilesTest.tileOf(12, Reports.LON, Reports.LAT);
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                byte[] tile = tile("/tiles/service-requests/12/" + (centre[0] + dx) + "/" + (centre[1] + dy)
                        + ".mvt?service_code=pothole");
                for (Map<String, Object> cell : TilesTest.features(tile, "cells")) {
                    count += ((Number) cell.get("count")).longValue();
                    received += ((Number) cell.get("count_received")).longValue();
                    acknowledged += ((Number) cell.get("count_acknowledged")).longValue();
                }
            }
        }
        return Map.of("count", count, "count_received", received, "count_acknowledged", acknowledged);
    }

    private byte[] tile(String path) {
        HttpResponse<byte[]> answer = http.toBlocking().exchange(HttpRequest.GET(path), byte[].class);
        return answer.getBody().orElse(new byte[0]);
    }

    private List<Boolean> sensitiveFlags() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT sensitive FROM opendata.request_tile_cell "
                     + "WHERE service_code = 'pothole'")) {
            List<Boolean> flags = new java.util.ArrayList<>();
            while (rs.next()) {
                flags.add(rs.getBoolean(1));
            }
            return flags;
        }
    }
}
