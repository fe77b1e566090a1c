package io.curbside.api.ogc;

import io.curbside.api.testing.DatabaseTest;
import io.curbside.geo.Bbox;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A collection added the way the service requests will be: one more {@link FeatureSources} bean, with
 * a parameter of its own and a temporal extent. The shell lists it, passes it its parameter, repeats
 * the parameter in the links, and still refuses parameters nobody declared.
 */
@MicronautTest(transactional = false)
class FeatureSourceExtensionTest extends DatabaseTest {

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    private OgcClient ogc;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.ogc.lamps", "true");
    }

    @BeforeAll
    void client() {
        ogc = new OgcClient(server.getPort(), mapper);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNewCollectionIsListedWithItsTimeExtent() {
        Map<String, Object> collections = ogc.json(ogc.get("/ogc/collections"));
        assertEquals(List.of(), OgcShapes.collections(collections));
        Map<String, Object> lamps = ((List<Map<String, Object>>) collections.get("collections")).stream()
                .filter(c -> c.get("id").equals("lamps")).findFirst().orElseThrow();
        Map<String, Object> temporal = (Map<String, Object>) ((Map<String, Object>) lamps.get("extent")).get("temporal");
        assertEquals(List.of(java.util.Arrays.asList("2024-01-01T00:00:00Z", null)), temporal.get("interval"));
    }

    @Test
    void itsOwnParameterReachesItAndStaysInTheLinks() {
        Map<String, Object> red = ogc.json(ogc.get("/ogc/collections/lamps/items?colour=red&limit=1"));
        assertEquals(List.of(), OgcShapes.featureCollection(red));
        assertEquals(2, ((Number) red.get("numberMatched")).intValue());
        String next = OgcClient.link(red, "next", "application/geo+json");
        assertTrue(next.contains("colour=red") && next.contains("limit=1") && next.contains("cursor="), next);
        Map<String, Object> second = ogc.json(ogc.get(next));
        assertEquals(1, ((Number) second.get("numberReturned")).intValue());

        assertEquals(400, ogc.get("/ogc/collections/lamps/items?shade=red").statusCode());
        assertEquals(400, ogc.get("/ogc/collections/council_districts/items?colour=red").statusCode(),
                "a parameter belongs to its collection");
    }

    /** Three street lamps, two red. */
    @Singleton
    @Requires(property = "test.ogc.lamps", value = "true")
    static class Lamps implements FeatureSources, FeatureSource {

        private static final List<Feature> LAMPS = List.of(lamp("a", "red"), lamp("b", "blue"), lamp("c", "red"));

        @Override
        public List<FeatureSource> current() {
            return List.of(this);
        }

        @Override
        public String id() {
            return "lamps";
        }

        @Override
        public Set<String> parameters() {
            return Set.of("colour");
        }

        @Override
        public Set<String> languages() {
            return Set.of("en");
        }

        @Override
        public CollectionInfo describe(String language) {
            return new CollectionInfo("Lamps", "Street lamps", new Bbox(-83.1, 39.9, -83.0, 40.0),
                    Instant.parse("2024-01-01T00:00:00Z"), null, true);
        }

        @Override
        public FeaturePage items(ItemsQuery query, String language) {
            List<Feature> matching = LAMPS.stream()
                    .filter(l -> !query.more().containsKey("colour") || l.properties().get("colour").equals(query.more().get("colour")))
                    .toList();
            List<Feature> after = query.cursor() == null ? matching
                    : matching.stream().filter(l -> l.id().compareTo(query.cursor().key()) > 0).toList();
            List<Feature> page = after.subList(0, Math.min(query.limit(), after.size()));
            String next = after.size() > page.size() ? io.curbside.api.support.PageCursor.of(page.get(page.size() - 1).id()) : null;
            return new FeaturePage(page, matching.size(), next);
        }

        @Override
        public Optional<Feature> item(String featureId, String language) {
            return LAMPS.stream().filter(l -> l.id().equals(featureId)).findFirst();
        }

        private static Feature lamp(String id, String colour) {
            return new Feature(id, Map.of("type", "Point", "coordinates", List.of(-83.05, 39.95)), Map.of("colour", colour));
        }
    }
}
