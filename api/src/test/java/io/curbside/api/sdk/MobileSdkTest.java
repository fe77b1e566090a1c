package io.curbside.api.sdk;

import io.curbside.api.testing.DatabaseTest;
import io.curbside.sdk.ApiClient;
import io.curbside.sdk.ApiException;
import io.curbside.sdk.api.CatalogApi;
import io.curbside.sdk.api.JurisdictionApi;
import io.curbside.sdk.model.Jurisdiction;
import io.curbside.sdk.model.ServiceDefinition;
import io.curbside.sdk.model.ServiceList;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated mobile SDK (OkHttp + Gson) talks to the running app unchanged. */
@MicronautTest(transactional = false)
class MobileSdkTest extends DatabaseTest {

    @Inject
    EmbeddedServer server;

    private ApiClient client;

    @BeforeAll
    void pointTheSdkAtTheServer() {
        client = new ApiClient().setBasePath(server.getURL().toString());
    }

    @Test
    void listsServicesInSpanishAndReadsOneWithItsQuestions() throws ApiException {
        ServiceList list = new CatalogApi(client).listServices("es", null, null, null, null);
        assertEquals("es", list.getLanguage());
        assertFalse(list.getServices().isEmpty());
        ServiceDefinition pothole = new CatalogApi(client).getService("pothole", null, "es", null);
        assertEquals("Bache", pothole.getName());
        assertFalse(pothole.getQuestions().isEmpty());
        assertTrue(pothole.getTarget().getValue() > 0);
    }

    @Test
    void readsTheJurisdictionAsGeoJson() throws ApiException {
        Jurisdiction city = new JurisdictionApi(client).getJurisdiction(null, null, null);
        assertEquals("MultiPolygon", city.getBoundary().getGeometry().getType());
        assertFalse(city.getLayers().isEmpty());
        assertEquals(4, city.getBbox().size());
    }

    @Test
    void aProblemArrivesAsAnApiExceptionWithTheStatus() {
        ApiException e = assertThrows(ApiException.class,
                () -> new CatalogApi(client).getService("no-such-service", null, null, null));
        assertEquals(404, e.getCode());
        assertTrue(e.getResponseBody().contains("urn:curbside:problem:not-found"));
    }
}
