package io.curbside.api.ogc;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Personal;
import io.curbside.api.testing.Reports;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GDAL's OAPIF driver, which QGIS uses too, reads the collections through the API unchanged:
 * {@code ogr2ogr -f GeoJSON out.geojson OAPIF:http://host/ogc <collection>}. script/test installs
 * gdal-bin where it is missing; only a machine without it skips this.
 */
@MicronautTest(transactional = false)
class OgcClientsTest extends HttpTest {

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    @TempDir
    Path directory;

    @BeforeAll
    void gdal() {
        assumeTrue(onPath("ogr2ogr"), "ogr2ogr is not installed (script/test installs gdal-bin)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ogr2ogrCopiesEveryDistrictOfALayer() throws Exception {
        Path out = directory.resolve("neighborhoods.geojson");
        // A page of 5 makes GDAL follow the next links: 14 neighborhoods are three pages.
        run("ogr2ogr", "-f", "GeoJSON", out.toString(), "OAPIF:http://127.0.0.1:" + server.getPort() + "/ogc",
                "neighborhoods", "-oo", "PAGE_SIZE=5");
        Map<String, Object> copied = mapper.readValue(Files.readAllBytes(out), Argument.mapOf(String.class, Object.class));
        List<Map<String, Object>> features = (List<Map<String, Object>>) copied.get("features");
        assertEquals(14, features.size());
        List<Object> codes = features.stream().map(f -> ((Map<String, Object>) f.get("properties")).get("code")).toList();
        assertTrue(codes.contains("old-town") && codes.contains("riverside"), codes.toString());
        assertEquals(14, codes.stream().distinct().count());
        assertTrue(features.stream().allMatch(f -> "MultiPolygon".equals(((Map<String, Object>) f.get("geometry")).get("type"))
                || "Polygon".equals(((Map<String, Object>) f.get("geometry")).get("type"))));
    }

    @Test
    void ogrinfoListsTheCollectionsAsLayers() throws Exception {
        String info = run("ogrinfo", "-ro", "-so", "OAPIF:http://127.0.0.1:" + server.getPort() + "/ogc");
        assertTrue(info.contains("council_districts") && info.contains("neighborhoods"), info);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ogr2ogrFiltersByBboxThroughTheApi() throws Exception {
        Path out = directory.resolve("some.geojson");
        run("ogr2ogr", "-f", "GeoJSON", out.toString(), "OAPIF:http://127.0.0.1:" + server.getPort() + "/ogc",
                "council_districts", "-spat", "10", "10", "11", "11");
        Map<String, Object> copied = mapper.readValue(Files.readAllBytes(out), Argument.mapOf(String.class, Object.class));
        assertEquals(List.of(), copied.get("features"), "nothing of the city lies at 10°E 10°N");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ogr2ogrReadsServiceRequestsInABboxWithoutWhatIdentifiesTheReporter() throws Exception {
        List<String> potholes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            potholes.add((String) requests.filed(Reports.aPothole().contact("Maria Lopez", "maria.lopez@example.org",
                    "+1 614 555 0199").description("Hole at 1234 Elm St, call 614-555-0199")).get("tracking_number"));
        }
        requests.filed(Reports.of("streetlight-out").answer("problem", "out").north(3000));
        Path out = directory.resolve("requests.geojson");
        run("ogr2ogr", "-f", "GeoJSON", out.toString(), "OAPIF:http://127.0.0.1:" + server.getPort() + "/ogc",
                "service-requests", "-spat", String.valueOf(Reports.LON - 0.01), String.valueOf(Reports.LAT - 0.01),
                String.valueOf(Reports.LON + 0.01), String.valueOf(Reports.LAT + 0.01));
        String text = Files.readString(out);
        Map<String, Object> copied = mapper.readValue(text.getBytes(StandardCharsets.UTF_8),
                Argument.mapOf(String.class, Object.class));
        List<Map<String, Object>> features = (List<Map<String, Object>>) copied.get("features");
        assertEquals(potholes.stream().sorted().toList(), features.stream()
                .map(f -> (String) ((Map<String, Object>) f.get("properties")).get("tracking_number")).sorted().toList());
        Personal.assertNoneIn(text, "what ogr2ogr copied");
    }

    /**
     * GDAL 3.6 turns a -where on one field the API definition declares as a query parameter into that
     * parameter ({@code service_code=streetlight-out}), so the server does the filtering; what it cannot
     * send (an AND of two fields, LIKE) it filters itself after fetching every page. Its debug log says which.
     */
    @Test
    @SuppressWarnings("unchecked")
    void ogr2ogrSendsAPropertyFilterToTheServer() throws Exception {
        List<String> lights = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            lights.add((String) requests.filed(Reports.of("streetlight-out").answer("problem", "out").north(2000 + 200 * i)
                    .contact("Maria Lopez", "maria.lopez@example.org", "+1 614 555 0199")).get("tracking_number"));
        }
        requests.filed(Reports.aPothole());
        Map<String, Object> byApi = new OgcClient(server.getPort(), mapper).json(new OgcClient(server.getPort(), mapper)
                .get("/ogc/collections/service-requests/items?service_code=streetlight-out&limit=1000"));
        Path out = directory.resolve("lights.geojson");
        String log = run("ogr2ogr", "--debug", "ON", "-f", "GeoJSON", out.toString(),
                "OAPIF:http://127.0.0.1:" + server.getPort() + "/ogc", "service-requests", "-where",
                "service_code = 'streetlight-out'", "-oo", "PAGE_SIZE=1");
        assertTrue(log.lines().anyMatch(l -> l.contains("Fetch(") && l.contains("/items?") && l.contains("service_code=streetlight-out")),
                "GDAL asked the server for the filtered items:\n" + log);
        assertFalse(log.lines().anyMatch(l -> l.contains("Fetch(") && l.contains("cursor=")
                && !l.contains("service_code=streetlight-out")), "every next page is of the filtered items:\n" + log);
        Map<String, Object> copied = mapper.readValue(Files.readAllBytes(out), Argument.mapOf(String.class, Object.class));
        List<Map<String, Object>> features = (List<Map<String, Object>>) copied.get("features");
        List<Object> codes = features.stream().map(f -> ((Map<String, Object>) f.get("properties")).get("service_code")).toList();
        assertTrue(codes.stream().allMatch("streetlight-out"::equals), codes.toString());
        List<Object> numbers = features.stream().map(f -> ((Map<String, Object>) f.get("properties")).get("tracking_number")).toList();
        assertTrue(numbers.containsAll(lights), numbers + " holds " + lights);
        assertEquals(((List<?>) byApi.get("features")).size(), features.size(), "every page followed, as the API counts them");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ogr2ogr finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
