package io.curbside.api.sdk;

import io.curbside.api.testing.DatabaseTest;
import io.curbside.sdk.ApiClient;
import io.curbside.sdk.CurbsideClient;
import io.curbside.sdk.ApiException;
import io.curbside.sdk.api.RequestsApi;
import io.curbside.sdk.model.MeToo;
import io.curbside.sdk.model.MeTooRequest;
import io.curbside.sdk.model.NearbyRequests;
import io.curbside.sdk.model.NewServiceRequest;
import io.curbside.sdk.model.ReportedLocation;
import io.curbside.sdk.model.ServiceRequestCreated;
import io.curbside.sdk.model.ServiceRequestStatus;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated mobile SDK files a report with two photos, follows it, and says "me too", unchanged. */
@MicronautTest(transactional = false)
class MobileSdkReportingTest extends DatabaseTest {

    @Inject
    EmbeddedServer server;

    @TempDir
    Path photos;

    private RequestsApi requests;

    @BeforeAll
    void pointTheSdkAtTheServer() {
        requests = new RequestsApi(new CurbsideClient().setBasePath(server.getURL().toString()));
    }

    private File photo(String name, Color colour, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        File file = photos.resolve(name).toFile();
        ImageIO.write(image, name.endsWith(".png") ? "png" : "jpeg", file);
        return file;
    }

    private static NewServiceRequest aPothole() {
        NewServiceRequest report = new NewServiceRequest();
        report.setServiceCode("pothole");
        ReportedLocation location = new ReportedLocation();
        location.setLat(39.997113);
        location.setLon(-82.992588);
        location.setAccuracyM(6.0);
        report.setLocation(location);
        report.putAnswersItem("size", "medium");
        report.setDescription("Two holes side by side");
        report.setLanguage("es");
        return report;
    }

    @Test
    void filesAReportWithTwoPhotosAndReadsItsStatus() throws Exception {
        String key = UUID.randomUUID().toString();
        ServiceRequestCreated created = requests.createServiceRequest(aPothole(), key, null,
                List.of(photo("first.jpg", Color.DARK_GRAY, 1200, 900), photo("second.png", Color.ORANGE, 640, 480)));
        assertTrue(created.getTrackingNumber().startsWith("CS-"));
        assertEquals("es", created.getLanguage());
        assertEquals("streets", created.getDepartment().getCode());
        assertNotNull(created.getExpectedAt());
        assertEquals(2, created.getPhotos().size());
        assertEquals(1200, created.getPhotos().get(0).getWidth());

        // A phone that lost the answer retries with the same key: the same request, not a second one.
        ServiceRequestCreated retried = requests.createServiceRequest(aPothole(), key, null,
                List.of(photo("first.jpg", Color.DARK_GRAY, 1200, 900), photo("second.png", Color.ORANGE, 640, 480)));
        assertEquals(created.getTrackingNumber(), retried.getTrackingNumber());

        ServiceRequestStatus everyone = requests.getServiceRequest(created.getTrackingNumber(), null, null, null, null);
        assertEquals("received", everyone.getStatus().getValue());
        assertEquals(2, everyone.getTimeline().size());
        assertNull(everyone.getReporter());
        assertTrue(everyone.getPhotos().isEmpty());

        ServiceRequestStatus mine = requests.getServiceRequest(created.getTrackingNumber(), created.getReceiptToken(),
                null, "es", null);
        assertEquals(2, mine.getReporter().getPhotos().size());
        assertEquals(39.997113, mine.getReporter().getLocation().getLat(), 1e-9);
        assertEquals("Bache", mine.getService().getName());

        ApiException notModified = assertThrows(ApiException.class, () ->
                requests.getServiceRequestWithHttpInfo(created.getTrackingNumber(), null,
                        requests.getServiceRequestWithHttpInfo(created.getTrackingNumber(), null, null, null, null)
                                .getHeaders().get("etag").get(0), null, null));
        assertEquals(304, notModified.getCode());
    }

    @Test
    void aReportWithoutPhotosGoesAsMultipartTooAndAnEmptyJsonBodyIsRefused() throws Exception {
        ServiceRequestCreated created = requests.createServiceRequest(aPothole(), null, null, null);
        assertTrue(created.getPhotos().isEmpty());
        // The generated client on its own picks JSON, and sends an empty body: a clear 400, never a 500.
        ApiException empty = assertThrows(ApiException.class, () -> new RequestsApi(new ApiClient()
                .setBasePath(server.getURL().toString())).createServiceRequest(aPothole(), null, null, null));
        assertEquals(400, empty.getCode());
        assertTrue(empty.getResponseBody().contains("urn:curbside:problem:invalid-body"));
    }

    @Test
    void findsItNearbyAndSaysMeToo() throws Exception {
        NewServiceRequest report = aPothole();
        report.getLocation().setLat(40.0201);
        report.getLocation().setLon(-82.9601);
        ServiceRequestCreated created = requests.createServiceRequest(report, null, null, null);
        NearbyRequests nearby = requests.findNearbyRequests("pothole", 40.0202, -82.9601, null, null, null, null);
        assertEquals(created.getTrackingNumber(), nearby.getRequests().get(0).getTrackingNumber());
        MeToo meToo = requests.addMeToo(created.getTrackingNumber(), UUID.randomUUID().toString(),
                new MeTooRequest().deviceId("sdk-device"));
        assertEquals(1, meToo.getMeToo());
    }
}
