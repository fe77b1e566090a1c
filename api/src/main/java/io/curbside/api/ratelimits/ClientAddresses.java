package io.curbside.api.ratelimits;

import io.curbside.api.support.Cidr;
import io.curbside.api.support.TrustedProxies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of the client behind a request. It is the peer of the connection, unless that
 * peer is a trusted proxy (CURBSIDE_TRUSTED_PROXIES): then X-Forwarded-For is read from the
 * right, skipping trusted proxies, and the first address that is not one is the client. A client
 * can write anything into X-Forwarded-For, so it is never believed from an untrusted peer.
 */
@Singleton
class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    /** More hops than any real chain of proxies; a longer header is not walked further. */
    private static final int MAX_HOPS = 32;
    /** An IPv6 subscriber gets a whole /64 (or more): its addresses count as one client. */
    private static final int IPV6_CLIENT_BITS = 64;

    private final TrustedProxies trustedProxies;

    ClientAddresses(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** The client's address, or null when the connection has none (never over TCP). */
    @Nullable
    InetAddress of(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress hop = remote == null ? null : remote.getAddress();
        if (hop == null || !trustedProxies.trusts(hop)) {
            return hop;
        }
        List<String> forwarded = forwardedFor(request);
        for (int i = forwarded.size() - 1; i >= 0 && i >= forwarded.size() - MAX_HOPS; i--) {
            InetAddress previous = address(forwarded.get(i));
            if (previous == null) {
                // Garbage a client wrote, passed on by a trusted proxy: the nearest known hop is all we know.
                return hop;
            }
            hop = previous;
            if (!trustedProxies.trusts(hop)) {
                return hop;
            }
        }
        return hop;
    }

    /** The name a client is counted under: its IPv4 address, or its IPv6 /64. */
    static String bucketName(@Nullable InetAddress address) {
        if (address == null) {
            return "unknown";
        }
        byte[] bytes = Cidr.Addresses.normalized(address.getAddress());
        if (bytes.length == 4) {
            return textOf(bytes);
        }
        return textOf(Cidr.mask(bytes, IPV6_CLIENT_BITS)) + "/" + IPV6_CLIENT_BITS;
    }

    /** Every X-Forwarded-For entry in order, over all the header's lines. */
    private static List<String> forwardedFor(HttpRequest<?> request) {
        List<String> entries = new ArrayList<>();
        for (String line : request.getHeaders().getAll(FORWARDED_FOR)) {
            for (String entry : line.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries;
    }

    /** An entry's address ("203.0.113.5", "203.0.113.5:4711", "[2001:db8::1]:443", "2001:db8::1"), or null. */
    @Nullable
    static InetAddress address(String entry) {
        String host = entry;
        if (host.startsWith("[") && host.indexOf(']') > 0) {
            host = host.substring(1, host.indexOf(']'));
        } else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':'));
        }
        byte[] bytes = Cidr.Addresses.literal(host);
        return bytes == null ? null : byAddress(bytes);
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static String textOf(byte[] bytes) {
        return byAddress(bytes).getHostAddress();
    }
}
