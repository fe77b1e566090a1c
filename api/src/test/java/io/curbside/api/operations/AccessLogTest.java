package io.curbside.api.operations;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.curbside.api.support.PersonalData;
import io.curbside.api.testing.DatabaseTest;
import io.curbside.api.testing.People;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One access line per request, under a request id the answer echoes; no log line names a person. */
@MicronautTest(transactional = false)
class AccessLogTest extends DatabaseTest {

    /** Listens from before the application starts, so start-up's lines (the first admin) are heard too. */
    private static final ListAppender<ILoggingEvent> LOGGED = listen();

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(People.bootstrapAdmin());
        properties.put("test.logging-route", "true");
        return properties;
    }

    /** A route that logs while it works, on a worker thread as the application's routes do. */
    @Controller("/test/logging")
    @Requires(property = "test.logging-route", value = "true")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ExecuteOn(TaskExecutors.BLOCKING)
    static class LoggingRoute {

        @Get
        String log() {
            LoggerFactory.getLogger("io.curbside.test").warn("working on it");
            return "done";
        }
    }

    @Test
    void eachRequestLogsItsRouteTemplateMethodStatusAndDurationUnderTheIdItsAnswerEchoes() {
        HttpResponse<String> answer = client.toBlocking().exchange(HttpRequest.GET("/v1/services/pothole?lang=es")
                .header("X-Request-Id", "phone-42.retry_1"), String.class);
        assertEquals("phone-42.retry_1", answer.header("X-Request-Id"));

        ILoggingEvent line = accessLine("phone-42.retry_1");
        Map<String, Object> fields = fields(line);
        assertEquals("GET", fields.get("method"));
        assertEquals("/v1/services/{code}", fields.get("route"));
        assertEquals(200, fields.get("status"));
        assertTrue(((Long) fields.get("duration_ms")) >= 0);
        assertTrue(line.getFormattedMessage().startsWith("GET /v1/services/{code} 200 "), line.getFormattedMessage());
        assertFalse(line.getFormattedMessage().contains("pothole") || line.getFormattedMessage().contains("lang"),
                "neither the path nor the query: " + line.getFormattedMessage());
    }

    @Test
    void aLineLoggedWhileServingCarriesTheRequestsId() {
        client.toBlocking().exchange(HttpRequest.GET("/test/logging").header("X-Request-Id", "inside-1"), String.class);
        List<ILoggingEvent> inside = List.copyOf(LOGGED.list).stream()
                .filter(e -> e.getLoggerName().equals("io.curbside.test")).toList();
        assertEquals(1, inside.size());
        assertEquals("inside-1", inside.get(0).getMDCPropertyMap().get("request_id"));
        assertEquals("/test/logging", fields(accessLine("inside-1")).get("route"));
    }

    @Test
    void anIdThatIsNotAShortTokenIsReplacedByAGeneratedOne() {
        for (String sent : List.of("two words", "x".repeat(65), "id\"}{\"forged\":1", "")) {
            HttpResponse<String> answer = client.toBlocking().exchange(HttpRequest.GET("/v1/services")
                    .header("X-Request-Id", sent), String.class);
            String id = answer.header("X-Request-Id");
            assertTrue(id != null && id.matches("[0-9a-f]{24}"), sent + " -> " + id);
            assertNotEquals(sent, id);
            assertEquals("/v1/services", fields(accessLine(id)).get("route"));
        }
        String first = client.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class).header("X-Request-Id");
        String second = client.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class).header("X-Request-Id");
        assertNotEquals(first, second, "each request its own id");
    }

    @Test
    void refusalsAndUnknownPathsAreLoggedWithoutTheirPath() {
        HttpClientResponseException notFound = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.GET("/v1/nothing/resident@example.org").header("X-Request-Id", "nf-1")));
        assertEquals("nf-1", notFound.getResponse().header("X-Request-Id"));
        ILoggingEvent line = accessLine("nf-1");
        assertEquals(404, fields(line).get("status"));
        assertFalse(line.getFormattedMessage().contains("nothing"), line.getFormattedMessage());

        HttpClientResponseException unauthorized = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.GET("/v1/me").header("X-Request-Id", "me-1").bearerAuth("not-a-token")));
        assertEquals("me-1", unauthorized.getResponse().header("X-Request-Id"));
        assertEquals(401, fields(accessLine("me-1")).get("status"));
        assertEquals("/v1/me", fields(accessLine("me-1")).get("route"));
    }

    @Test
    void neitherTheFirstAdminNorANewResidentIsNamedInAnyLogLine() {
        Map<String, Object> session = new People(client).register("Nadia");
        new People(client).admin();
        assertTrue(session.containsKey("access_token"));
        List<String> withAnAddress = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(LOGGED.list)) {
            String everything = event.getFormattedMessage() + " " + event.getMDCPropertyMap() + " " + fields(event)
                    + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage());
            if (everything.contains("@")) {
                withAnAddress.add(everything);
            }
        }
        assertEquals(List.of(), withAnAddress);
        assertTrue(LOGGED.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("Created the first admin")),
                "the bootstrap line is still there");
        assertTrue(LOGGED.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("POST /v1/accounts 202 ")));
    }

    @Test
    void addressesInAMailServersReplyAreMasked() {
        assertEquals("SMTP refused the recipient: 550 5.1.1 <[e-mail]>: Recipient address rejected; also [e-mail]",
                PersonalData.withoutEmailAddresses("SMTP refused the recipient: 550 5.1.1 <rosa.r+311@mail.example.org>: "
                        + "Recipient address rejected; also bob@example.org"));
    }

    private static ILoggingEvent accessLine(String id) {
        List<ILoggingEvent> lines = List.copyOf(LOGGED.list).stream()
                .filter(e -> e.getLoggerName().equals("io.curbside.access"))
                .filter(e -> id.equals(e.getMDCPropertyMap().get("request_id")))
                .toList();
        assertEquals(1, lines.size(), "one access line for " + id + ": " + lines);
        return lines.get(0);
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        return pairs.stream().collect(Collectors.toMap(p -> p.key, p -> p.value));
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }
}
