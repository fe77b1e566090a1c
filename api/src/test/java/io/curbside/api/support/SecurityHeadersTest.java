package io.curbside.api.support;

import io.curbside.api.testing.HttpTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nosniff and no-referrer on every answer; a strict Content-Security-Policy on the documentation. */
@MicronautTest(transactional = false)
class SecurityHeadersTest extends HttpTest {

    @Test
    void theDocumentationPageIsLockedDown() {
        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/openapi"), String.class);
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("script-src 'self' 'unsafe"), policy);
        assertTrue(policy.contains("default-src 'none'"), policy);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertNull(page.header("Access-Control-Allow-Origin"));
        for (String path : new String[] {"/openapi/curbside.yaml", "/openapi/ui/swagger-ui-bundle.js"}) {
            HttpResponse<String> file = http.toBlocking().exchange(HttpRequest.GET(path), String.class);
            assertEquals(policy, file.header("Content-Security-Policy"), path);
            assertEquals("nosniff", file.header("X-Content-Type-Options"), path);
        }
    }

    /** What the policy allows is enough: no inline script, and every file the page loads is this server's. */
    @Test
    void thePageLoadsOnlyItsOwnFiles() {
        String page = http.toBlocking().retrieve(HttpRequest.GET("/openapi"));
        assertFalse(Pattern.compile("<script>|<script\\s+(?![^>]*src=)").matcher(page).find(), page);
        assertFalse(page.contains("style="), page);
        Matcher loaded = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
        List<String> files = new ArrayList<>();
        while (loaded.find()) {
            files.add(loaded.group(1));
        }
        assertTrue(files.contains("/openapi/ui/curbside-init.js"), files.toString());
        for (String file : files) {
            assertTrue(file.startsWith("/"), file);
            assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET(file), String.class).getStatus(), file);
        }
        String init = http.toBlocking().retrieve(HttpRequest.GET("/openapi/ui/curbside-init.js"));
        assertTrue(init.contains("/openapi/curbside.yaml") && init.contains("validatorUrl: null"), init);
    }

    @Test
    void everyAnswerSaysNosniffAndNoReferrer() {
        HttpResponse<String> catalog = http.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class);
        assertEquals("nosniff", catalog.header("X-Content-Type-Options"));
        assertEquals("no-referrer", catalog.header("Referrer-Policy"));
        assertNull(catalog.header("Content-Security-Policy"), "the API's JSON needs no page policy");
        HttpClientResponseException missing = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/v1/nothing-here"), String.class));
        assertEquals("nosniff", missing.getResponse().header("X-Content-Type-Options"));
        assertEquals("no-referrer", missing.getResponse().header("Referrer-Policy"));
    }
}
