package io.curbside.api.addresses;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.RawHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PUT /v1/admin/addresses replaces the city's address points whole or not at all, and says why not. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddressImportTest extends HttpTest {

    static final String HEADER = "LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID,HASH\n";
    private static final int LIMIT = 2_000_000;

    private Map<String, Object> admin;

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(People.bootstrapAdmin());
        properties.put("curbside.addresses.upload-max-bytes", String.valueOf(LIMIT));
        properties.put("curbside.demo-addresses", "true");
        return properties;
    }

    @BeforeAll
    void admin() {
        admin = new People(http).admin();
    }

    /** A point of "Lantern Row", k lots east of a place inside the demo city. */
    static String lantern(int k, String number, String unit, String id) {
        return String.format(Locale.ROOT, "%.7f,39.9971000,%s,Lantern Row,%s,Riverton,,OH,43215,%s,\n",
                -82.9926 + k * 0.0002, number, unit, id);
    }

    private MutableHttpRequest<byte[]> upload(String body, String type) {
        return HttpRequest.PUT("/v1/admin/addresses", body.getBytes(StandardCharsets.UTF_8)).contentType(type)
                .bearerAuth(token(admin));
    }

    private long stored(String where) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM address" + (where.isEmpty() ? "" : " WHERE " + where))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(1)
    void theDemoCityComesWithItsAddresses() throws SQLException {
        assertTrue(stored("") > 3_000, "the demo city's generated address points");
        assertTrue(stored("street_normalized = 'N ELM AVE'") > 10);
    }

    @Test
    @Order(2)
    void aGoodFileReplacesEveryAddressAndLeavesOutsidePointsOut() throws SQLException {
        String csv = HEADER + lantern(1, "1", "", "L-1") + lantern(2, "3", "", "L-3")
                + lantern(3, "5", "Apartment 2", "L-5-2")
                + "-82.9910000,39.9971000,7 1/2,\"Lantern Row, North\",,Riverton,,OH,43215,,hash-7\r\n"
                + "-80.0000000,41.0000000,9,Lantern Row,,Riverton,,OH,43215,L-9,\n"
                + lantern(5, "11B", "", "L-11");
        Map<String, Object> answer = http.toBlocking().retrieve(upload(csv, "text/csv"), JSON);
        assertEquals(5, ((Number) answer.get("loaded")).intValue(), answer::toString);
        assertEquals(1, ((Number) answer.get("outside")).intValue());
        List<?> outside = (List<?>) answer.get("outsidePoints");
        assertEquals(1, outside.size());
        Map<?, ?> point = (Map<?, ?>) outside.get(0);
        assertEquals("lines[6]", point.get("where"));
        assertEquals("L-9", point.get("id"));
        assertEquals(41.0, ((Number) point.get("lat")).doubleValue());
        assertEquals(-80.0, ((Number) point.get("lon")).doubleValue());
        assertEquals(5, stored(""), "the demo's addresses are gone, the outside point was not stored");
        assertEquals(1, stored("official_id = 'hash-7' AND normalized = '7 1/2 LANTERN ROW N' "
                + "AND street = 'Lantern Row, North'"), "HASH stands for a missing ID; the street kept as written");
        assertEquals(1, stored("official_id = 'L-5-2' AND unit = 'APT 2' AND normalized = '5 LANTERN ROW APT 2'"));
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT action, details->>'loaded' FROM audit_log ORDER BY id DESC LIMIT 1")) {
            assertTrue(rs.next());
            assertEquals("addresses.replace", rs.getString(1));
            assertEquals("5", rs.getString(2));
        }
    }

    @Test
    @Order(3)
    void everyBadLineIsNamedAndNothingChanges() throws SQLException {
        String csv = HEADER + lantern(1, "1", "", "N-1")
                + lantern(2, "twelve", "", "N-2")                                  // line 3
                + "-82.99,91,4,Lantern Row,,,,,,N-4,\n"                               // line 4
                + "-82.99,39.9971,6,,,,,,,N-6,\n"                                     // line 5
                + "-82.99,39.9971,8,Lantern Row,,,,,N-8,\n"                           // line 6: 10 fields
                + "-82.99,39.9971,10,Lan\"tern Row,,,,,,N-10,\n"                      // line 7
                + lantern(4, "12", "", "N-1")                                        // line 8: id again
                + "-82.99,39.9971,14,Lantern Row,,,,,,,\n";                           // line 9
        Map<String, Object> problem = requests.problem(upload(csv, "text/csv"), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-fields");
        assertEquals(List.of("lines[3].NUMBER", "lines[4].LAT", "lines[5].STREET", "lines[6]", "lines[7]",
                "lines[9].ID"), fields(problem).subList(0, 6), problem::toString);
        assertTrue(problem.get("detail").toString().contains("Nothing was changed"), problem::toString);
        assertEquals(5, stored(""), "the addresses loaded before are all there");
        assertEquals(0, stored("official_id LIKE 'N-%'"));
    }

    @Test
    @Order(4)
    void anOfficialIdUsedTwiceIsAnError() {
        String csv = HEADER + lantern(1, "1", "", "D-1") + lantern(2, "3", "", "D-2") + lantern(4, "12", "", "D-1");
        Map<String, Object> problem = requests.problem(upload(csv, "text/csv"), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-fields");
        assertEquals(List.of("lines[4].ID"), fields(problem), problem::toString);
    }

    /** A line of a million commas is one problem, not a list of a million fields in memory. */
    @Test
    @Order(4)
    void aLineOfTooManyFieldsIsOneProblem() {
        String csv = HEADER + lantern(1, "1", "", "M-1") + ",".repeat(1_000_000) + "\n";
        Map<String, Object> problem = requests.problem(upload(csv, "text/csv"), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-fields");
        assertEquals(List.of("lines[3]"), fields(problem), problem::toString);
        assertTrue(problem.toString().contains("more than 11 fields"), problem::toString);
    }

    @Test
    @Order(5)
    void aFileThatFailsHalfWayLeavesTheOldAddresses() throws SQLException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 20_000; i++) {
            csv.append(String.format(Locale.ROOT, "%.7f,%.7f,%d,Halfway St,,,,,,H-%d,\n",
                    -83.0 + (i % 200) * 0.0001, 39.99 + (i / 200) * 0.0001, i, i));
        }
        csv.append("-83.0,39.99,1,Halfway St,,,,,,H-last,\n").append("-83.0,not-a-latitude,2,Halfway St,,,,,,H-x,\n");
        Map<String, Object> problem = requests.problem(upload(csv.toString(), "text/csv"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("lines[20003].LAT"), fields(problem), problem::toString);
        assertEquals(5, stored(""));
        assertEquals(0, stored("street_normalized = 'HALFWAY ST'"));
    }

    @Test
    @Order(6)
    void geoJsonPointsWithOpenAddressesPropertiesLoad() throws SQLException {
        String bad = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-82.9926, 39.9971]},
                   "properties": {"number": "2", "street": "Lamplight Ln", "id": "G-2"}},
                  {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[-82.9926, 39.9971], [-82.99, 39.99]]},
                   "properties": {"number": "4", "street": "Lamplight Ln", "id": "G-4"}},
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-82.9924, 39.9971]},
                   "properties": {"number": 6, "street": "Lamplight Ln", "id": "G-6", "unit": "#3"}}
                ]}""";
        Map<String, Object> problem = requests.problem(upload(bad, "application/geo+json"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("features[1].geometry"), fields(problem), problem::toString);
        assertEquals(5, stored(""));

        String good = bad.replace("{\"type\": \"LineString\", \"coordinates\": [[-82.9926, 39.9971], [-82.99, 39.99]]}",
                "{\"type\": \"Point\", \"coordinates\": [-82.9925, 39.9971]}");
        Map<String, Object> answer = http.toBlocking().retrieve(upload(good, "application/geo+json"), JSON);
        assertEquals(3, ((Number) answer.get("loaded")).intValue(), answer::toString);
        assertEquals(1, stored("normalized = '6 LAMPLIGHT LN # 3'"));
        assertEquals(0, stored("street_normalized = 'LANTERN ROW'"));

        Map<String, Object> duplicateKey = requests.problem(upload(good.replace("\"id\": \"G-2\"}",
                "\"id\": \"G-2\", \"id\": \"G-3\"}"), "application/geo+json"), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-fields");
        assertTrue(duplicateKey.get("detail").toString().contains("Duplicate field"), duplicateKey::toString);
    }

    @Test
    @Order(8)
    void aFileOverTheLimitIsRefusedBeforeItIsRead() throws SQLException {
        StringBuilder csv = new StringBuilder(HEADER);
        while (csv.length() <= LIMIT) {
            csv.append(lantern(1, "1", "", "big-" + csv.length()));
        }
        Map<String, Object> problem = requests.problem(upload(csv.toString(), "text/csv"),
                HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large");
        assertTrue(problem.get("detail").toString().contains("CURBSIDE_ADDRESSES_MAX_BYTES"), problem::toString);
        assertEquals(3, stored(""));
    }

    @Test
    @Order(9)
    void aChunkedFileIsStoppedAtTheLimitAndChangesNothing() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        while (csv.length() <= LIMIT + 50_000) {
            csv.append(lantern(1, "1", "", "chunk-" + csv.length()));
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream chunked = new java.io.ByteArrayOutputStream();
        for (int at = 0; at < bytes.length; at += 16_384) {
            int n = Math.min(16_384, bytes.length - at);
            chunked.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(bytes, at, n);
            chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Answer answer = RawHttp.exchange(server.getPort(), "PUT /v1/admin/addresses HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + token(admin) + "\r\nContent-Type: text/csv\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunked.toByteArray());
        assertEquals(413, answer.status(), answer::toString);
        assertTrue(answer.body().contains("payload-too-large"), answer::toString);
        assertEquals(3, stored(""), "the transaction was rolled back");
        assertEquals(0, stored("official_id LIKE 'chunk-%'"));
    }

    @Test
    @Order(7)
    void onlyAdminsLoadAddresses() {
        String csv = HEADER + lantern(1, "1", "", "S-1");
        HttpClientResponseException anonymous = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.PUT("/v1/admin/addresses", csv).contentType("text/csv")));
        assertEquals(HttpStatus.UNAUTHORIZED, anonymous.getStatus());
        Map<String, Object> resident = new People(http).register("Resident");
        HttpClientResponseException forbidden = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.PUT("/v1/admin/addresses", csv).contentType("text/csv")
                        .bearerAuth(token(resident))));
        assertEquals(HttpStatus.FORBIDDEN, forbidden.getStatus());
    }
}
