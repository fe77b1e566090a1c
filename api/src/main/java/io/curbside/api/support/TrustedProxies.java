package io.curbside.api.support;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies (CURBSIDE_TRUSTED_PROXIES) whose forwarding headers are believed: X-Forwarded-For for
 * the client's address, Forwarded and X-Forwarded-Host/-Proto/-Port for the host it called. A client
 * can write anything into those headers, so one decision, here, says whose are read.
 */
@Singleton
public class TrustedProxies {

    private final List<Cidr> blocks;

    public TrustedProxies(HttpSettings settings) {
        this.blocks = cidrs(settings.trustedProxies());
    }

    /** Whether this address is a trusted proxy. */
    public boolean trusts(InetAddress address) {
        for (Cidr cidr : blocks) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request came straight from a trusted proxy (false when the connection has no address). */
    public boolean trustsPeerOf(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        return peer != null && trusts(peer);
    }

    /** The trusted proxies as configured; a wrong entry stops the start-up with its name. */
    private static List<Cidr> cidrs(@Nullable String list) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String item : list == null ? new String[0] : list.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            try {
                cidrs.add(Cidr.parse(item));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("curbside.trusted-proxies: " + e.getMessage());
            }
        }
        return List.copyOf(cidrs);
    }
}
