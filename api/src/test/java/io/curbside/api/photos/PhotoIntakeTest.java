package io.curbside.api.photos;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.curbside.api.photos.TestImages.BLUE;
import static io.curbside.api.photos.TestImages.GREEN;
import static io.curbside.api.photos.TestImages.RED;
import static io.curbside.api.photos.TestImages.YELLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /v1/requests with photos, over real multipart HTTP into the disk store: what is kept
 * (upright JPEGs with no metadata at all), what is refused and how, who may see a photo, and
 * that a request and its photos commit together or not at all.
 */
@MicronautTest(transactional = false)
class PhotoIntakeTest extends HttpTest {

    /** Where the test photos say they were taken: a house in district 5. */
    private static final double PHOTO_LAT = 39.9968;
    private static final double PHOTO_LON = -82.9931;

    @Inject
    ObjectMapper json;

    @Inject
    PhotoService photoService;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.photos.max-bytes", "400000", "curbside.photos.max-pixels", "20000000");
    }

    /** A phone photo: 400x200, red left and blue right as stored, to be turned a quarter clockwise; GPS and owner. */
    private static byte[] phonePhoto() {
        BufferedImage sideways = TestImages.quadrants(400, 200, RED, BLUE, RED, BLUE);
        return TestImages.withSegments(TestImages.jpeg(sideways),
                ExifSegment.exif().orientation(6).identifying().gps(PHOTO_LAT, PHOTO_LON).app1(),
                TestImages.xmpSegment(), TestImages.commentSegment("taken by Jane Resident"));
    }

    private MultipartBody multipart(Map<String, Object> report, byte[]... photos) throws IOException {
        MultipartBody.Builder body = MultipartBody.builder()
                .addPart("report", "report.json", MediaType.APPLICATION_JSON_TYPE, json.writeValueAsBytes(report));
        for (int i = 0; i < photos.length; i++) {
            // Names and declared types are the client's word only; the bytes decide.
            body.addPart("photos", "photo" + i + ".jpg", MediaType.IMAGE_JPEG_TYPE, photos[i]);
        }
        return body.build();
    }

    private HttpResponse<Map<String, Object>> upload(Map<String, Object> report, String key, byte[]... photos)
            throws IOException {
        var request = HttpRequest.POST("/v1/requests", multipart(report, photos))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.toBlocking().exchange(request, RequestsClient.JSON);
    }

    private Map<String, Object> refused(Map<String, Object> report, HttpStatus status, String type, byte[]... photos)
            throws IOException {
        return requests.problem(HttpRequest.POST("/v1/requests", multipart(report, photos))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), status, type);
    }

    private List<Path> storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(photoDirectory())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private int count(String sql) throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void photosAreStoredUprightWithoutAnyMetadataAndShownToTheReporter() throws Exception {
        int filesBefore = storedFiles().size();
        HttpResponse<Map<String, Object>> filed = upload(Reports.aPothole().json(), null, phonePhoto(),
                TestImages.png(TestImages.quadrants(3000, 2000, RED, GREEN, YELLOW, BLUE)));
        assertEquals(HttpStatus.CREATED, filed.getStatus());
        List<?> refs = (List<?>) filed.body().get("photos");
        assertEquals(2, refs.size());
        Map<?, ?> first = (Map<?, ?>) refs.get(0);
        assertEquals(200, first.get("width"), "turned upright: portrait");
        assertEquals(400, first.get("height"));
        Map<?, ?> second = (Map<?, ?>) refs.get(1);
        assertEquals(1600, second.get("width"), "scaled to the display size");
        assertEquals(1067, second.get("height"));

        String token = (String) filed.body().get("receipt_token");
        String number = (String) filed.body().get("tracking_number");
        byte[] display = photo((String) first.get("display_url"), token, HttpStatus.OK);
        byte[] thumbnail = photo((String) first.get("thumbnail_url"), token, HttpStatus.OK);
        for (byte[] jpeg : List.of(display, thumbnail)) {
            assertEquals(List.of(), JpegMarkers.of(jpeg).stream()
                    .filter(m -> m >= 0xE1 && m <= 0xEF || m == JpegMarkers.COM).toList(), "no APP1-APP15, no comment");
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
            for (Directory d : metadata.getDirectories()) {
                assertFalse(d.getName().contains("Exif") || d.getName().contains("GPS") || d.getName().contains("XMP")
                        || d.getName().contains("ICC"), "found " + d.getName());
            }
        }
        BufferedImage upright = TestImages.decode(display);
        Colours.assertColourNear(RED, upright, 100, 50, "the left of the scene is now on top");
        Colours.assertColourNear(BLUE, upright, 100, 350, "the right of the scene is now at the bottom");
        assertTrue(Math.max(TestImages.decode(thumbnail).getWidth(), TestImages.decode(thumbnail).getHeight()) <= 320);

        for (Path file : storedFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("Jane Resident"), file.toString());
        }
        assertEquals(filesBefore + 4, storedFiles().size(), "a display size and a thumbnail of each photo");
        assertEquals(2, ((List<?>) ((Map<?, ?>) requests.status(number, token).get("reporter")).get("photos")).size());
        assertEquals(List.of(), requests.status(number).get("photos"), "photos are private until someone publishes them");
    }

    private byte[] photo(String url, String token, HttpStatus expected) {
        String path = url.substring(url.indexOf("/v1/"));
        var request = HttpRequest.GET(path);
        if (token != null) {
            request.header("Receipt-Token", token);
        }
        HttpResponse<byte[]> response = http.toBlocking().exchange(request, byte[].class);
        assertEquals(expected, response.getStatus());
        assertEquals("image/jpeg", response.getContentType().map(MediaType::toString).orElse(""));
        assertEquals("nosniff", response.getHeaders().get("X-Content-Type-Options"));
        assertEquals("no-store", response.getHeaders().get("Cache-Control"), "the reporter's own: kept nowhere");
        return response.body();
    }

    @Test
    void aPrivatePhotoIs404ToOthersAndAPublicOneIsServedToAll() throws Exception {
        Map<String, Object> filed = upload(Reports.aPothole().north(300).json(), null, phonePhoto()).body();
        Map<?, ?> ref = (Map<?, ?>) ((List<?>) filed.get("photos")).get(0);
        String path = ((String) ref.get("display_url")).substring(((String) ref.get("display_url")).indexOf("/v1/"));
        requests.problem(HttpRequest.GET(path), HttpStatus.NOT_FOUND, "not-found");
        requests.problem(HttpRequest.GET(path).header("Receipt-Token", "someone-else"), HttpStatus.NOT_FOUND, "not-found");
        HttpResponse<byte[]> mine = http.toBlocking().exchange(HttpRequest.GET(path)
                .header("Receipt-Token", (String) filed.get("receipt_token")), byte[].class);
        assertEquals("no-store", mine.getHeaders().get("Cache-Control"));
        HttpResponse<byte[]> revalidated = http.toBlocking().exchange(HttpRequest.GET(path)
                .header("Receipt-Token", (String) filed.get("receipt_token"))
                .header("If-None-Match", mine.getHeaders().get("ETag")), byte[].class);
        assertEquals(HttpStatus.NOT_MODIFIED, revalidated.getStatus());

        try (Connection c = connect()) {
            c.createStatement().execute("UPDATE request_photo SET public = true WHERE id = '" + ref.get("id") + "'");
        }
        HttpResponse<byte[]> everyone = http.toBlocking().exchange(HttpRequest.GET(path), byte[].class);
        assertEquals(HttpStatus.OK, everyone.getStatus());
        assertEquals("public, max-age=86400", everyone.getHeaders().get("Cache-Control"), "withdrawable within a day");
        assertEquals(1, ((List<?>) requests.status((String) filed.get("tracking_number")).get("photos")).size());
    }

    @Test
    void whatIsNotAPhotoIsRefusedByItsBytes() throws Exception {
        Map<String, Object> text = refused(Reports.aPothole().json(), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type", phonePhoto(), "just some text, named photo1.jpg".getBytes());
        assertEquals(List.of("photos[1]"), RequestsClient.fields(text));
        Map<String, Object> heic = refused(Reports.aPothole().json(), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type", TestImages.heic());
        assertTrue(((String) heic.get("detail")).contains("HEIC"), heic.toString());
        byte[] truncated = phonePhoto();
        truncated = Arrays.copyOf(truncated, truncated.length / 2);
        assertEquals(List.of("photos[0]"), RequestsClient.fields(refused(Reports.aPothole().json(),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-photo", truncated)));
    }

    @Test
    void tooManyBytesOrPixelsIs413() throws Exception {
        byte[] padded = TestImages.pngWithChunk(TestImages.png(TestImages.scene(40, 40)), "tEXt", new byte[450_000]);
        assertEquals(List.of("photos[1]"), RequestsClient.fields(refused(Reports.aPothole().json(),
                HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", phonePhoto(), padded)));
        Map<String, Object> bomb = refused(Reports.aPothole().json(), HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                "payload-too-large", TestImages.pngHeaderClaiming(100_000, 100_000));
        assertEquals(List.of("photos[0]"), RequestsClient.fields(bomb));
    }

    @Test
    void theServicesPhotoRulesAndTheCountAreChecked() throws Exception {
        Map<String, Object> noise = Reports.of("noise-complaint").answer("source", "music").answer("last-heard", "2026-11-20T23:00").json();
        assertEquals(List.of("photos"), RequestsClient.fields(refused(noise, HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-fields", phonePhoto())));
        byte[] small = TestImages.jpeg(TestImages.scene(64, 48));
        assertEquals(List.of("photos"), RequestsClient.fields(refused(Reports.aPothole().json(),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields", small, small, small, small, small, small)));
    }

    @Test
    void theReportPartIsCheckedLikeAJsonBody() throws Exception {
        assertEquals(List.of("location.lat"), RequestsClient.fields(refused(Reports.aPothole().at(95, 0).json(),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields", phonePhoto())));
        MultipartBody noReport = MultipartBody.builder()
                .addPart("photos", "a.jpg", MediaType.IMAGE_JPEG_TYPE, phonePhoto()).build();
        assertEquals(List.of("report"), RequestsClient.fields(requests.problem(HttpRequest.POST("/v1/requests", noReport)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), HttpStatus.BAD_REQUEST, "invalid-body")));
        MultipartBody broken = MultipartBody.builder()
                .addPart("report", "report.json", MediaType.APPLICATION_JSON_TYPE, "{\"service_code\": ".getBytes()).build();
        assertEquals(List.of("report"), RequestsClient.fields(requests.problem(HttpRequest.POST("/v1/requests", broken)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), HttpStatus.BAD_REQUEST, "invalid-body")));
    }

    @Test
    void aReportWithoutALocationIsOfferedItsPhotosGpsPositionAndNothingIsKept() throws Exception {
        Map<String, Object> problem = refused(Reports.aPothole().without("location").json(),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields", phonePhoto());
        Map<?, ?> suggested = (Map<?, ?>) problem.get("suggested_location");
        assertNotNull(suggested, problem.toString());
        assertEquals(PHOTO_LAT, ((Number) suggested.get("lat")).doubleValue(), 1e-6);
        assertEquals(PHOTO_LON, ((Number) suggested.get("lon")).doubleValue(), 1e-6);
        assertEquals("photo", suggested.get("source"));
    }

    @Test
    void aRetryOfAMultipartUploadWithItsKeyStoresNothingTwice() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Reports.aPothole().north(600).description(key).json();
        int before = storedFiles().size();
        String first = (String) upload(report, key, phonePhoto()).body().get("tracking_number");
        // Another multipart body (a new boundary), the same report and photo.
        HttpResponse<Map<String, Object>> again = upload(report, key, phonePhoto());
        assertEquals(first, again.body().get("tracking_number"));
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(before + 2, storedFiles().size());
    }

    @Test
    void aRequestAndItsPhotosCommitTogetherOrNotAtAll() throws Exception {
        int files = storedFiles().size();
        int rows = count("SELECT count(*) FROM service_request");
        try (Connection c = connect()) {
            c.createStatement().execute("""
                    CREATE FUNCTION refuse_photo() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'the disk is full'; END $$;
                    CREATE TRIGGER refuse_photo BEFORE INSERT ON request_photo FOR EACH ROW EXECUTE FUNCTION refuse_photo();""");
        }
        try {
            String key = UUID.randomUUID().toString();
            requests.problem(HttpRequest.POST("/v1/requests", multipart(Reports.aPothole().north(900).json(), phonePhoto(),
                    phonePhoto())).contentType(MediaType.MULTIPART_FORM_DATA_TYPE).header("Idempotency-Key", key),
                    HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");
            assertEquals(rows, count("SELECT count(*) FROM service_request"), "no request without its photos");
            assertEquals(files, storedFiles().size(), "no photo without its request");
            assertEquals(0, count("SELECT count(*) FROM pending_photo_file"));
            assertEquals(0, count("SELECT count(*) FROM idempotency_record WHERE key = encode(sha256(convert_to('" + key + "', 'UTF8')), 'hex')"), "the key is free");
        } finally {
            try (Connection c = connect()) {
                c.createStatement().execute("DROP TRIGGER refuse_photo ON request_photo; DROP FUNCTION refuse_photo()");
            }
        }
    }

    @Test
    void aFailureReportedAfterTheCommitDidHappenLeavesThePhotosInPlace() throws Exception {
        // As when the connection drops while the COMMIT is acknowledged: the request is in, the intake sees an error.
        String number = (String) requests.filed(Reports.aPothole().north(500)).get("tracking_number");
        long id = count("SELECT id FROM service_request WHERE tracking_number = '" + number + "'");
        ProcessedPhoto photo = new PhotoProcessor(TestImages.LIMITS).process(phonePhoto());
        PhotoService.Staged committed = photoService.stage(List.of(photo));
        transactions.executeWrite(s -> {
            photoService.attach(id, committed);
            return null;
        });
        List<Path> kept = storedFiles();
        photoService.discard(committed);
        assertEquals(kept, storedFiles(), "the committed request keeps its photos");
        assertEquals(1, count("SELECT count(*) FROM request_photo WHERE request_id = " + id));

        // A set that never committed is deleted, journal and all.
        photoService.discard(photoService.stage(List.of(photo)));
        assertEquals(kept, storedFiles());
        assertEquals(0, count("SELECT count(*) FROM pending_photo_file"));
    }

    /** A photo file and its journal row as a node left them; times are intervals from now, null for none. */
    private Path journalled(String key, String createdAt, String claimedUntil) throws Exception {
        Path file = photoDirectory().resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO pending_photo_file "
                + "(key, created_at, claimed_until) VALUES (?, now() + ?::interval, now() + ?::interval)")) {
            ps.setString(1, key);
            ps.setString(2, createdAt);
            ps.setString(3, claimedUntil);
            ps.executeUpdate();
        }
        return file;
    }

    /** Puts the journal and the photo directory back as the other tests expect them. */
    private void clearJournal(Path... files) throws Exception {
        try (Connection c = connect()) {
            c.createStatement().execute("DELETE FROM pending_photo_file");
        }
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aNodeThatDiedDeletingLeavesItsClaimForTheSweeper() throws Exception {
        Path lapsed = journalled("2026/11/23/lapsed00000000000000-display.jpg", "-2 hours", "-1 minute");
        Path held = journalled("2026/11/23/held0000000000000000-display.jpg", "-2 hours", "5 minutes");
        assertEquals(1, photoService.sweepOrphans(3600));
        assertFalse(Files.exists(lapsed), "a claim that lapsed is taken again");
        assertTrue(Files.exists(held), "another node is deleting it right now");
        assertEquals(1, count("SELECT count(*) FROM pending_photo_file"));
        clearJournal(held);
    }

    @Test
    void theSweeperDeletesFilesOfRequestsThatNeverCommitted() throws Exception {
        Path orphan = journalled("2026/11/24/orphan0000000000000-display.jpg", "-2 hours", null);
        Path fresh = journalled("2026/11/24/fresh00000000000000-display.jpg", "0 seconds", null);
        assertEquals(1, photoService.sweepOrphans(3600));
        assertFalse(Files.exists(orphan));
        assertTrue(Files.exists(fresh), "a request may still be committing it");
        assertEquals(1, count("SELECT count(*) FROM pending_photo_file"));
        clearJournal(fresh);
    }
}
