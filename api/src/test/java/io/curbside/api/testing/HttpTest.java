package io.curbside.api.testing;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;

/** A {@link DatabaseTest} that talks to the running app over real HTTP, as a phone does. */
public abstract class HttpTest extends DatabaseTest {

    @Inject
    @Client("/")
    protected HttpClient http;

    protected RequestsClient requests;

    @BeforeAll
    void requestsClient() {
        requests = new RequestsClient(http);
    }
}
