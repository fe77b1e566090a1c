package io.curbside.api.ogc;

import io.curbside.api.opendata.HeldChangesRelease;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The privacy sweep of the open routes: a request of each privacy class filed with everything personal a
 * report can carry (the reporter's name, e-mail, phone, device id and account, a point to seven decimals,
 * a house number and a phone number in the description and in the words about where, an internal staff
 * note, and for the open service, the only one that takes photos, a photo no one made public), then every
 * open route asked in every format, and every byte of every answer (status, headers, body) searched for
 * each of them and for the point's coordinates written to five decimals or more. {@link #openRoutes} is
 * the one list: a new open route is one line there.
 */
@MicronautTest(transactional = false)
class OpenRoutesPrivacySweepTest extends HttpTest {

    /** A point no cell centre shares to five decimals, on the 100 m grid or the 500 m one. */
    private static final double LAT = 39.9971234;
    private static final double LON = -82.9925678;
    private static final List<String> SERVICES = List.of("pothole", "noise-complaint", "encampment-concern", "welfare-concern");

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    @Inject
    HeldChangesRelease release;

    private OgcClient ogc;
    private final List<String> numbers = new ArrayList<>();
    private final List<String> photos = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>(List.of("Zed Secretname", "Secretname", "zed.secret@example.org",
            "zed.secret", "614 555 0199", "614-555-0199", "555-0199", "device-SECRET-42", "77 Hidden Lane", "Hidden Lane",
            "gate code 4417", "Staff-only"));

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    /**
     * Every open route there is, as a path with its query, asked for these requests. The /ogc routes are
     * each asked as JSON and as HTML; add tiles and what else comes here.
     */
    private List<String> openRoutes() {
        List<String> ogcRoutes = new ArrayList<>(List.of("/ogc", "/ogc/conformance", "/ogc/api", "/ogc/collections",
                "/ogc/collections/service-requests", "/ogc/collections/service-requests/items?limit=1000",
                "/ogc/collections/service-requests/items?limit=1000&service_code=" + String.join(",", SERVICES),
                "/ogc/collections/service-requests/queryables", "/ogc/collections/council_districts",
                "/ogc/collections/council_districts/items?limit=5"));
        numbers.forEach(n -> ogcRoutes.add("/ogc/collections/service-requests/items/" + n));
        List<String> routes = new ArrayList<>();
        ogcRoutes.forEach(r -> routes.addAll(List.of(r + (r.contains("?") ? "&" : "?") + "f=json",
                r + (r.contains("?") ? "&" : "?") + "f=html")));
        routes.addAll(List.of("/v1/opendata/dictionary?f=json", "/v1/opendata/dictionary?f=html",
                "/v1/opendata/requests.csv", "/v1/opendata/requests.geojson", "/v1/opendata/requests.ndjson",
                "/v1/opendata/requests.csv?service_code=" + String.join(",", SERVICES),
                "/v1/opendata/changes?limit=10000", "/v1/opendata/snapshots"));
        numbers.forEach(n -> routes.add("/v1/requests/" + n));
        for (String format : List.of("json", "xml")) {
            routes.addAll(List.of("/open311/v2/discovery." + format, "/open311/v2/services." + format,
                    "/open311/v2/services/pothole." + format, "/open311/v2/requests." + format,
                    "/open311/v2/requests." + format + "?service_code=" + String.join(",", SERVICES),
                    "/open311/v2/requests." + format + "?service_request_id=" + String.join(",", numbers),
                    "/open311/v2/requests." + format + "?extensions=true&service_request_id=" + String.join(",", numbers)));
            numbers.forEach(n -> routes.addAll(List.of("/open311/v2/requests/" + n + "." + format,
                    "/open311/v2/tokens/" + n + "." + format)));
        }
        routes.add("/tiles/service-requests.json?service_code=" + String.join(",", SERVICES));
        // The tiles the requests are in: cells at 10 and 14, the requests themselves at 16.
        for (int z : List.of(10, 14, 16)) {
            double n = Math.pow(2, z);
            long x = (long) Math.floor((LON + 180) / 360 * n);
            long y = (long) Math.floor((1 - Math.log(Math.tan(Math.toRadians(LAT)) + 1 / Math.cos(Math.toRadians(LAT)))
                    / Math.PI) / 2 * n);
            routes.add("/tiles/service-requests/" + z + "/" + x + "/" + y + ".mvt");
            routes.add("/tiles/service-requests/" + z + "/" + x + "/" + y + ".mvt?service_code=" + String.join(",", SERVICES));
        }
        return routes;
    }

    @BeforeAll
    void fileOneOfEachClassWithEverythingPersonal() throws Exception {
        ogc = new OgcClient(server.getPort(), mapper);
        for (int decimals = 5; decimals <= 7; decimals++) {
            secrets.add(digits(LAT, decimals, RoundingMode.HALF_UP));
            secrets.add(digits(LAT, decimals, RoundingMode.DOWN));
            secrets.add(digits(LON, decimals, RoundingMode.HALF_UP));
            secrets.add(digits(LON, decimals, RoundingMode.DOWN));
        }
        People people = new People(http);
        Map<String, Object> reporter = people.register("zed");
        secrets.add(People.id(reporter));
        secrets.add(People.email(reporter));
        String admin = People.token(people.admin());
        Map<String, Reports> reports = new LinkedHashMap<>();
        reports.put("pothole", Reports.aPothole());
        reports.put("noise-complaint", Reports.of("noise-complaint").answer("source", "music").answer("last-heard", "2026-11-20T23:00"));
        reports.put("encampment-concern", Reports.of("encampment-concern").answer("concern", List.of("blocking")));
        reports.put("welfare-concern", Reports.of("welfare-concern").answer("who", "older-adult").answer("noticed", "Mail piling up"));
        for (Map.Entry<String, Reports> each : reports.entrySet()) {
            Map<String, Object> report = each.getValue().at(LAT, LON).whereExactly("behind 77 Hidden Lane, ring 614-555-0199")
                    .description("Outside 77 Hidden Lane. Call Zed Secretname at 614-555-0199 or zed.secret@example.org")
                    .contact("Zed Secretname", "zed.secret@example.org", "+1 614 555 0199")
                    .with("device_id", "device-SECRET-42").json();
            // Only the open services of the demo catalog take photos.
            Map<String, Object> filed = each.getKey().equals("pothole") ? withPhoto(report, People.token(reporter))
                    : http.toBlocking().retrieve(HttpRequest.POST("/v1/requests", report).bearerAuth(People.token(reporter)),
                    RequestsClient.JSON);
            String number = (String) filed.get("tracking_number");
            numbers.add(number);
            for (Object photo : (List<?>) filed.getOrDefault("photos", List.of())) {
                photos.add((String) ((Map<?, ?>) photo).get("id"));
            }
            http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/notes",
                    Map.of("text", "Staff-only: Zed Secretname, gate code 4417", "public", false)).bearerAuth(admin));
            http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/notes",
                    Map.of("text", "Called Zed Secretname back on 614-555-0199", "public", true)).bearerAuth(admin));
        }
        // The sensitive one is listed (and in the change feed) once its day's changes are released (V21, V24):
        // released here as the next day would, so that every route shows it to be searched.
        try (Connection c = connect()) {
            c.createStatement().executeUpdate("UPDATE opendata.published_request SET held_on = held_on - 1 WHERE held_on IS NOT NULL");
        }
        assertTrue(release.release() >= 1, "the sensitive request was held, and is released");
        assertEquals(1, photos.size(), "the pothole's photo");
        secrets.addAll(photos);
    }

    /** Files the report with one photo, signed in: the 201 names the photo, which no one made public. */
    private Map<String, Object> withPhoto(Map<String, Object> report, String token) throws IOException {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0xFF0000);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        MultipartBody body = MultipartBody.builder()
                .addPart("report", "report.json", MediaType.APPLICATION_JSON_TYPE, mapper.writeValueAsBytes(report))
                .addPart("photos", "photo.jpg", MediaType.IMAGE_JPEG_TYPE, jpeg.toByteArray()).build();
        return http.toBlocking().retrieve(HttpRequest.POST("/v1/requests", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(token), RequestsClient.JSON);
    }

    @Test
    void noOpenRouteAnswersWithAnythingPersonal() {
        int read = 0;
        for (String route : openRoutes()) {
            HttpResponse<byte[]> answer = ogc.get(route);
            // The withheld request is no feature of the collection; its 404 is searched all the same.
            boolean withheld = (route.startsWith("/ogc") || route.startsWith("/open311/v2/requests/")
                    || route.startsWith("/open311/v2/tokens/")) && route.contains(numbers.get(3));
            assertTrue(withheld ? answer.statusCode() == 404 : answer.statusCode() < 400,
                    () -> route + " answered " + answer.statusCode());
            String text = text(answer);
            for (String secret : secrets) {
                assertFalse(text.contains(secret), () -> "\"" + secret + "\" in the answer to " + route + ":\n" + text);
            }
            read += answer.body().length;
        }
        assertTrue(read > 50_000, "the routes answered with something to search: " + read + " bytes");
    }

    @Test
    void theSweepSeesTheRequestsItSearches() {
        String items = text(ogc.get("/ogc/collections/service-requests/items?limit=1000&f=json"));
        assertTrue(numbers.subList(0, 3).stream().allMatch(items::contains), "the three published classes are in the items");
        assertFalse(items.contains(numbers.get(3)), "the withheld one is not");
        assertTrue(items.contains("Call [name] at [phone]"), "the open class's scrubbed description is there to search");
        String csv = text(ogc.get("/v1/opendata/requests.csv"));
        assertTrue(numbers.subList(0, 3).stream().allMatch(csv::contains), "the export holds them: " + csv);
        String changes = text(ogc.get("/v1/opendata/changes?limit=10000"));
        assertTrue(numbers.subList(0, 3).stream().allMatch(changes::contains), "the change feed lists them: " + changes);
        String open311 = text(ogc.get("/open311/v2/requests.json?service_request_id=" + String.join(",", numbers)));
        assertTrue(numbers.subList(0, 3).stream().allMatch(open311::contains), "Open311 lists them: " + open311);
        assertFalse(open311.contains(numbers.get(3)), "but not the withheld one");
        assertTrue(open311.contains("Call [name] at [phone]"), "the open class's scrubbed description is there to search");
        String tiles = openRoutes().stream().filter(r -> r.startsWith("/tiles/service-requests/16/"))
                .map(r -> text(ogc.get(r))).reduce("", String::concat);
        assertTrue(tiles.contains(numbers.get(0)), "the pothole is in its tile of zoom 16: " + tiles);
        String status = text(ogc.get("/v1/requests/" + numbers.get(0)));
        assertTrue(status.contains("Called [name] back on [phone]"), "the public note is there to search: " + status);
    }

    private static String text(HttpResponse<byte[]> answer) {
        StringBuilder text = new StringBuilder().append(answer.statusCode()).append('\n');
        answer.headers().map().forEach((name, values) -> text.append(name).append(": ").append(values).append('\n'));
        return text.append(new String(answer.body(), StandardCharsets.UTF_8)).toString();
    }

    private static String digits(double degrees, int decimals, RoundingMode rounding) {
        return BigDecimal.valueOf(degrees).setScale(decimals, rounding).toPlainString();
    }
}
