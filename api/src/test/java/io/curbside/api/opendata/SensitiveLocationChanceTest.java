package io.curbside.api.opendata;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.curbside.geo.LatLon;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sensitive request's published point tells no more of where it was reported than its 500 m cell: over
 * 500 reports at seeded random true points, the share of published points within 250 m of their true point
 * is no higher than if the true point lay anywhere in the published cell.
 *
 * <p>Chance: a true point uniform in the square cell of side s around the published centre lies within
 * r of it with probability p0 (π/4 for r = 250 m, s = 500 m: the inscribed disc), estimated here by
 * sampling that square, so the test does not re-derive the grid it checks. A snapped point is exactly
 * that. The bound is a one-sided binomial test at α = 0.001: the observed share may exceed p0 by
 * 3.09 standard errors (√(p0(1−p0)/n), 0.057 for n = 500) and no more. Any generalization finer than the
 * cell fails it far past that: the exact point, a 100 m jitter, the 100 m grid, or a point half-way from
 * the centre to the truth (at most 177 m from it) put every point within 250 m, a share of 1.0. The seeds
 * are fixed, so the outcome is the same on every run; α is how unlikely a correct generalizer would be to
 * fail on another seed.
 */
@MicronautTest(transactional = false)
class SensitiveLocationChanceTest extends HttpTest {

    private static final int REPORTS = 500;
    private static final double RADIUS_METRES = 250;
    /** One-sided z for α = 0.001. */
    private static final double Z = 3.09;
    private static final double EARTH_METRES = 6_371_008.8;

    @Inject
    ObjectMapper mapper;

    @Inject
    HeldChangesRelease release;

    @Test
    @SuppressWarnings("unchecked")
    void publishedPointsAreNoCloserToTheTruthThanTheirCellAllows() throws Exception {
        Random random = new Random(20261207);
        Map<String, LatLon> truth = new HashMap<>();
        for (int i = 0; i < REPORTS; i++) {
            // Anywhere in a box of about 3.3 by 2.6 km around the demo city's district 5: many cells, cut anywhere.
            LatLon at = new LatLon(Reports.LAT - 0.015 + 0.03 * random.nextDouble(),
                    Reports.LON - 0.015 + 0.03 * random.nextDouble());
            Map<String, Object> filed = requests.filed(Reports.of("encampment-concern").answer("concern", List.of("blocking"))
                    .at(at.lat(), at.lon()));
            truth.put((String) filed.get("tracking_number"), at);
        }
        // Listed once their day's changes are released (V24): released here as the next day would.
        try (Connection c = connect()) {
            c.createStatement().executeUpdate("UPDATE opendata.published_request SET held_on = held_on - 1 WHERE held_on IS NOT NULL");
        }
        assertTrue(release.release() >= REPORTS, "the sensitive requests were held, and are released");
        Map<String, Object> page = mapper.readValue(http.toBlocking().retrieve(HttpRequest.GET(
                "/ogc/collections/service-requests/items?service_code=encampment-concern&limit=" + (REPORTS + 100)),
                String.class), RequestsClient.JSON);
        List<Map<String, Object>> features = (List<Map<String, Object>>) page.get("features");
        assertEquals(REPORTS, features.size(), "every sensitive request is published, with a point");

        int within = 0;
        double cell = 0;
        for (Map<String, Object> feature : features) {
            Map<String, Object> properties = (Map<String, Object>) feature.get("properties");
            cell = ((Number) properties.get("location_precision_m")).doubleValue();
            assertEquals(500, cell, "the sensitive cell as configured");
            List<Number> xy = (List<Number>) ((Map<String, Object>) feature.get("geometry")).get("coordinates");
            LatLon published = new LatLon(xy.get(1).doubleValue(), xy.get(0).doubleValue());
            if (metres(published, truth.get((String) feature.get("id"))) < RADIUS_METRES) {
                within++;
            }
        }
        double observed = within / (double) REPORTS;
        double chance = chanceWithin(cell, new Random(7));
        double bound = chance + Z * Math.sqrt(chance * (1 - chance) / REPORTS);
        assertTrue(Math.abs(chance - Math.PI / 4) < 0.01, "sampling the square estimates π/4: " + chance);
        assertTrue(observed <= bound, String.format("%.3f of published points lie within %.0f m of the true point; "
                + "a point anywhere in its cell would be %.3f, and %.3f is the most chance allows", observed, RADIUS_METRES,
                chance, bound));
    }

    /** The share of points uniform in a square of side {@code cell} that lie within the radius of its centre. */
    private static double chanceWithin(double cell, Random random) {
        int samples = 200_000;
        int within = 0;
        for (int i = 0; i < samples; i++) {
            double dx = (random.nextDouble() - 0.5) * cell;
            double dy = (random.nextDouble() - 0.5) * cell;
            if (Math.hypot(dx, dy) < RADIUS_METRES) {
                within++;
            }
        }
        return within / (double) samples;
    }

    /** Great-circle distance on the mean-radius sphere, as the generalizer measures its cells. */
    private static double metres(LatLon a, LatLon b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_METRES * Math.asin(Math.sqrt(h));
    }
}
