package io.curbside.api.ratelimits;

import io.curbside.api.support.Cidr;
import io.curbside.api.support.HttpSettings;
import io.curbside.api.support.TrustedProxies;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addresses as X-Forwarded-For and CURBSIDE_TRUSTED_PROXIES write them, read without DNS. */
class ClientAddressesTest {

    private static InetAddress ip(String text) {
        return ClientAddresses.address(text);
    }

    @Test
    void forwardedEntriesAreReadWithOrWithoutPorts() {
        assertEquals(ip("203.0.113.5"), ip("203.0.113.5:4711"));
        assertEquals(ip("2001:db8::1"), ip("[2001:db8::1]:443"));
        assertEquals(ip("2001:db8::1"), ip("[2001:db8::1]"));
        assertEquals(ip("192.0.2.1"), ip("::ffff:192.0.2.1"));
    }

    @Test
    void namesAndGarbageAreNotAddresses() {
        assertNull(ip("localhost"));
        assertNull(ip("example.org"));
        assertNull(ip("unknown"));
        assertNull(ip("300.1.1.1"));
        assertNull(ip(""));
    }

    @Test
    void ipv6ClientsAreNamedByTheirSlash64() {
        assertEquals(ClientAddresses.bucketName(ip("2001:db8:1:2::1")),
                ClientAddresses.bucketName(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        assertFalse(ClientAddresses.bucketName(ip("2001:db8:1:2::1"))
                .equals(ClientAddresses.bucketName(ip("2001:db8:1:3::1"))));
        assertEquals("192.0.2.1", ClientAddresses.bucketName(ip("::ffff:192.0.2.1")));
        assertEquals("unknown", ClientAddresses.bucketName(null));
    }

    @Test
    void blocksContainTheirAddressesOnly() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertTrue(ten.contains(ip("10.255.1.2")));
        assertFalse(ten.contains(ip("11.0.0.1")));
        assertFalse(ten.contains(ip("::ffff:11.0.0.1")));
        assertTrue(ten.contains(ip("::ffff:10.0.0.1")));
        assertFalse(ten.contains(ip("2001:db8::1")));
        Cidr odd = Cidr.parse("192.0.2.128/25");
        assertTrue(odd.contains(ip("192.0.2.200")));
        assertFalse(odd.contains(ip("192.0.2.127")));
        assertTrue(Cidr.parse("2001:db8::/32").contains(ip("2001:db8:ffff::1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("198.51.100.1")));
        assertTrue(Cidr.parse("127.0.0.1").contains(ip("127.0.0.1")));
        assertFalse(Cidr.parse("127.0.0.1").contains(ip("127.0.0.2")));
    }

    @Test
    void aWrongTrustedProxyStopsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("proxy.internal"));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new TrustedProxies(new HttpSettings(null, "10.0.0.0/8, 10.0.0.0/x", 1)));
        assertTrue(e.getMessage().contains("curbside.trusted-proxies"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> new RateLimitSettings(0, 1, 1, 1));
    }
}
