package io.curbside.api.photos;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
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
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An upload's parts are let go of once each: reading a photo's bytes already frees its part, and
 * Micronaut frees the form after the answer, so freeing it again logged an
 * IllegalReferenceCountException (from FormRouteCompleter.release) on every report with a photo.
 */
@MicronautTest(transactional = false)
class UploadReleaseTest extends HttpTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @Inject
    ObjectMapper json;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.photos.max-bytes", "400000");
    }

    @BeforeEach
    void listen() {
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        root().detachAppender(logged);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private HttpResponse<Map<String, Object>> upload(byte[]... photos) throws Exception {
        MultipartBody.Builder body = MultipartBody.builder()
                .addPart("report", "report.json", MediaType.APPLICATION_JSON_TYPE, json.writeValueAsBytes(Reports.aPothole().json()));
        for (byte[] photo : photos) {
            body.addPart("photos", "photo.jpg", MediaType.IMAGE_JPEG_TYPE, photo);
        }
        return http.toBlocking().exchange(HttpRequest.POST("/v1/requests", body.build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), RequestsClient.JSON);
    }

    @Test
    void aReportWithPhotosFreesEachPartOnce() throws Exception {
        byte[] photo = TestImages.jpeg(TestImages.scene(640, 480));
        for (int i = 0; i < 3; i++) {
            assertEquals(HttpStatus.CREATED, upload(photo, photo).getStatus());
        }
        assertNoDoubleRelease();
    }

    @Test
    void aRefusedPhotoFreesEachPartOnceToo() throws Exception {
        byte[] small = TestImages.jpeg(TestImages.scene(64, 48));
        byte[] tooLarge = TestImages.concat(small, new byte[500_000]);
        requests.problem(HttpRequest.POST("/v1/requests", MultipartBody.builder()
                .addPart("report", "report.json", MediaType.APPLICATION_JSON_TYPE, json.writeValueAsBytes(Reports.aPothole().json()))
                .addPart("photos", "a.jpg", MediaType.IMAGE_JPEG_TYPE, small)
                .addPart("photos", "b.jpg", MediaType.IMAGE_JPEG_TYPE, tooLarge)
                .build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE), HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large");
        assertNoDoubleRelease();
    }

    /** Micronaut frees the form once the answer is written: give it a moment, then look at everything logged. */
    private void assertNoDoubleRelease() throws InterruptedException {
        Thread.sleep(500);
        List<String> failures = logged.list.stream().filter(e -> mentionsReferenceCount(e.getThrowableProxy()))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of(), failures);
    }

    private static boolean mentionsReferenceCount(IThrowableProxy thrown) {
        for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
            if (t.getClassName().endsWith("IllegalReferenceCountException")) {
                return true;
            }
        }
        return false;
    }
}
