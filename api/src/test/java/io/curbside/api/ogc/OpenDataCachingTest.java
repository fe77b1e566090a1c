package io.curbside.api.ogc;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a CDN and a browser on another site get from the open-data routes: Cache-Control, a strong
 * ETag per representation, 304, gzip when asked, and CORS for every site even where the city lists
 * only its own app in CURBSIDE_CORS_ORIGINS.
 */
@MicronautTest(transactional = false)
class OpenDataCachingTest extends DatabaseTest {

    private static final String ITEMS = "/ogc/collections/neighborhoods/items";

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    private OgcClient ogc;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.cors.origins", "https://app.example.org",
                "curbside.opendata-cache.max-age", "90s");
    }

    @BeforeAll
    void client() {
        ogc = new OgcClient(server.getPort(), mapper);
    }

    @Test
    void answersCarryAStrongTagAndAPublicCacheLifetime() {
        HttpResponse<byte[]> first = ogc.get(ITEMS);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{20,}\""), "a strong tag: " + etag);
        assertEquals("public, max-age=90", first.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(first.headers().firstValue("RateLimit-Limit").isPresent(), "counted like every other route");
        assertTrue(first.headers().allValues("Vary").toString().contains("Accept-Encoding"));
        assertEquals(etag, ogc.get(ITEMS).headers().firstValue("ETag").orElseThrow(), "the same bytes, the same tag");
        assertNotEquals(etag, ogc.get(ITEMS + "?limit=3").headers().firstValue("ETag").orElseThrow());
        assertNotEquals(etag, ogc.get(ITEMS + "?f=html").headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void aTagStillCurrentGetsABodiless304() {
        String etag = ogc.get(ITEMS).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = ogc.get(ITEMS, "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, ogc.get(ITEMS, "If-None-Match", "\"other\", W/" + etag).statusCode(), "weak comparison, any of a list");
        assertEquals(200, ogc.get(ITEMS, "If-None-Match", "\"other\"").statusCode());
        assertEquals(304, ogc.get("/ogc/conformance", "If-None-Match", "*").statusCode());
    }

    @Test
    void aPageKeepsItsTagWhileOnlyItsTimeStampMoves() throws InterruptedException {
        HttpResponse<byte[]> first = ogc.get(ITEMS);
        Thread.sleep(1_100);
        HttpResponse<byte[]> later = ogc.get(ITEMS);
        assertNotEquals(ogc.json(first).get("timeStamp"), ogc.json(later).get("timeStamp"));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals(etag, later.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, ogc.get(ITEMS, "If-None-Match", etag).statusCode());
    }

    @Test
    void theDistrictsSayWhenTheCityWasLoadedAndAnswerIfModifiedSince() {
        HttpResponse<byte[]> first = ogc.get(ITEMS);
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertTrue(lastModified.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                "RFC 9110's IMF-fixdate, two digits of day: " + lastModified);
        ZonedDateTime loaded = ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME);
        assertTrue(loaded.isAfter(ZonedDateTime.now().minusHours(1)), "the demo city was loaded when this test began");
        assertEquals(lastModified, ogc.get("/ogc/collections/neighborhoods/items/old-town").headers()
                .firstValue("Last-Modified").orElseThrow());
        assertEquals(304, ogc.get(ITEMS, "If-Modified-Since", lastModified).statusCode());
        String before = DateTimeFormatter.RFC_1123_DATE_TIME.format(loaded.minusDays(1));
        assertEquals(200, ogc.get(ITEMS, "If-Modified-Since", before).statusCode());
        assertEquals(200, ogc.get(ITEMS, "If-Modified-Since", lastModified, "If-None-Match", "\"other\"").statusCode(),
                "If-None-Match decides when both are sent");
        assertEquals(200, ogc.get(ITEMS, "If-Modified-Since", "not a date").statusCode());
    }

    @Test
    void gzipWhenAskedWithItsOwnTag() throws IOException {
        HttpResponse<byte[]> plain = ogc.get(ITEMS);
        HttpResponse<byte[]> zipped = ogc.get(ITEMS, "Accept-Encoding", "gzip, deflate");
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertArrayEquals(plain.body(), unzipped, "gzipped once, the same document");
        assertTrue(zipped.body().length < plain.body().length / 2, "polygons compress well");
        String zippedTag = zipped.headers().firstValue("ETag").orElseThrow();
        String plainTag = plain.headers().firstValue("ETag").orElseThrow();
        assertEquals(plainTag.replaceAll("\"$", "-gzip\""), zippedTag, "another coding, another representation");
        assertEquals(304, ogc.get(ITEMS, "Accept-Encoding", "gzip", "If-None-Match", zippedTag).statusCode());
        assertFalse(ogc.get(ITEMS, "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding").isPresent());
    }

    @Test
    void anySiteMayReadOpenDataButNotTheRestOfTheApi() {
        HttpResponse<byte[]> open = ogc.get(ITEMS, "Origin", "https://journalist.example.net");
        assertEquals(200, open.statusCode());
        assertEquals("*", open.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(open.headers().firstValue("Access-Control-Expose-Headers").orElseThrow().contains("ETag"));
        assertFalse(open.headers().firstValue("Access-Control-Allow-Credentials").isPresent());
        assertEquals("*", ogc.get(ITEMS).headers().firstValue("Access-Control-Allow-Origin").orElseThrow(),
                "the same answer without an Origin, so a CDN's one copy serves every site");
        assertEquals("*", ogc.get(ITEMS, "Origin", "https://app.example.org").headers()
                .firstValue("Access-Control-Allow-Origin").orElseThrow());

        HttpResponse<byte[]> preflight = ogc.send("OPTIONS", ITEMS, "Origin", "https://journalist.example.net",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match");
        assertEquals(204, preflight.statusCode());
        assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());

        HttpResponse<byte[]> other = ogc.get("/v1/services", "Origin", "https://journalist.example.net");
        assertFalse(other.headers().firstValue("Access-Control-Allow-Origin").isPresent(),
                "the rest of the API follows CURBSIDE_CORS_ORIGINS");
    }

    /** Micronaut drops a HEAD answer's body before the filters see it: no ETag then (RFC 9110 §9.3.2 allows it). */
    @Test
    void headIsCacheableAndOpenLikeGet() {
        HttpResponse<byte[]> head = ogc.send("HEAD", "/ogc/collections", "Origin", "https://journalist.example.net");
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals("public, max-age=90", head.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("*", head.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void anUnknownApiKeyIsRefusedHereToo() {
        HttpResponse<byte[]> answer = ogc.get("/ogc/collections?api_key=cs_nope_0000000000000000");
        assertEquals(401, answer.statusCode());
        assertEquals("urn:curbside:problem:invalid-api-key", ogc.json(answer).get("type"));
        assertEquals(401, ogc.get("/ogc", "X-Api-Key", "cs_nope_0000000000000000").statusCode());
    }

    @Test
    void refusalsAreNotCachedAsData() {
        HttpResponse<byte[]> missing = ogc.get("/ogc/collections/parcels");
        assertEquals(404, missing.statusCode());
        assertFalse(missing.headers().firstValue("ETag").isPresent());
        assertNotEquals("public, max-age=90", missing.headers().firstValue("Cache-Control").orElse(""));
    }
}
