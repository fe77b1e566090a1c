package io.curbside.api.notifications;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhook URLs: https to public addresses only, unless settings allow more (no name lookups: literal addresses). */
class WebhookTargetsTest {

    private static WebhookTargets targets(boolean allowHttp, boolean allowPrivate) {
        return new WebhookTargets(new WebhookSettings(allowHttp, allowPrivate, Duration.ofSeconds(1), Duration.ofSeconds(1), ""));
    }

    private static void refused(WebhookTargets targets, String url, String because) {
        ProblemException e = assertThrows(ProblemException.class, () -> targets.check(url), url);
        assertEquals(ProblemType.INVALID_FIELDS, e.type());
        assertEquals("url", e.violations().get(0).getField());
        assertTrue(e.getMessage().contains(because), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "198.18.0.1", "255.255.255.255", "224.0.0.1", "[::1]", "[::]", "[fe80::1]",
            "[fc00::1]", "[fd12:3456::1]", "[::ffff:10.0.0.1]", "[::ffff:7f00:1]", "[64:ff9b::a9fe:a9fe]"})
    void privateLoopbackAndReservedAddressesAreRefused(String host) {
        refused(targets(false, false), "https://" + host + "/hook", "loopback, private or reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "[2606:4700:4700::1111]", "[::ffff:8.8.8.8]"})
    void publicAddressesAreAccepted(String host) {
        URI uri = targets(false, false).check("https://" + host + ":8443/hooks/curbside?k=v");
        assertEquals(8443, uri.getPort());
    }

    @Test
    void httpsIsRequiredUnlessHttpIsAllowed() {
        refused(targets(false, true), "http://127.0.0.1/hook", "https");
        assertEquals("http", targets(true, true).check("http://127.0.0.1/hook").getScheme());
        refused(targets(true, false), "http://127.0.0.1/hook", "private");
    }

    @Test
    void malformedUrlsAndCredentialsAreRefused() {
        WebhookTargets targets = targets(true, true);
        refused(targets, null, "absolute");
        refused(targets, "", "absolute");
        refused(targets, "hooks.example.org/x", "absolute");
        refused(targets, "ftp://127.0.0.1/x", "absolute");
        refused(targets, "https://exa mple.org/", "absolute");
        refused(targets, "https://user:secret@127.0.0.1/x", "password");
        refused(targets, "https://127.0.0.1/x#part", "fragment");
        refused(targets, "https://127.0.0.1/" + "x".repeat(2_000), "absolute");
    }

    @Test
    void addressesAreClassifiedAsPublicOrNot() throws Exception {
        assertTrue(WebhookTargets.isPublic(InetAddress.getByName("1.1.1.1")));
        assertFalse(WebhookTargets.isPublic(InetAddress.getByName("100.127.255.255")));
        assertTrue(WebhookTargets.isPublic(InetAddress.getByName("100.128.0.1")));
        assertFalse(WebhookTargets.isPublic(InetAddress.getByName("::127.0.0.1")));
    }
}
