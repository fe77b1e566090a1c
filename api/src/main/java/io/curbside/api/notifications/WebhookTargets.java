package io.curbside.api.notifications;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.contract.model.Violation;
import jakarta.inject.Singleton;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs Curbside may send webhooks to. A subscription names a URL that Curbside's own
 * nodes then call, from inside the city's network: without these checks it would be a way to
 * reach the database, a cloud metadata service or an admin page (server-side request forgery).
 * So: https only, no credentials in the URL, and no loopback, private, link-local or otherwise
 * non-public address, checked when the subscription is made and again before every delivery
 * (a name can be pointed elsewhere later). Redirects are never followed (WebhookSender).
 */
@Singleton
class WebhookTargets {

    private static final int MAX_LENGTH = 2000;

    private final WebhookSettings settings;

    WebhookTargets(WebhookSettings settings) {
        this.settings = settings;
    }

    /** The URL as a subscription keeps it, or a 422 problem naming the field {@code url}. */
    URI check(String url) {
        URI uri = parse(url).orElseThrow(() -> refused("must be an absolute https URL"));
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowHttp())) {
            throw refused("must use https");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("must not carry a user name or password; the signature proves who sends");
        }
        if (uri.getRawFragment() != null) {
            throw refused("must not have a fragment");
        }
        refusal(uri).ifPresent(reason -> {
            throw refused(reason);
        });
        return uri;
    }

    /** Why Curbside must not call this target now, if it must not: its name has no address, or a non-public one. */
    Optional<String> refusal(URI target) {
        String host = target.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("names a host that has no address (" + host + ")");
        }
        if (settings.allowPrivateTargets()) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("names a host with a loopback, private or reserved address (" + host + ")");
            }
        }
        return Optional.empty();
    }

    /** Whether an address is one on the public internet, the only kind a subscriber's receiver may have. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7, unique local
            }
            if (embedsIpv4(b)) {
                try {
                    return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0                                        // 0.0.0.0/8, "this network"
                && !(first == 100 && (second & 0xc0) == 64)      // 100.64.0.0/10, carrier-grade NAT
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24, protocol assignments
                && !(first == 198 && (second & 0xfe) == 18)      // 198.18.0.0/15, benchmarking
                && first < 240;                                  // 240.0.0.0/4 reserved, and broadcast
    }

    /** ::a.b.c.d (compatible), ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) reach an IPv4 address. */
    private static boolean embedsIpv4(byte[] b) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean compatibleOrMapped = zeros && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff));
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        return compatibleOrMapped || nat64;
    }

    private static Optional<URI> parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.strip());
            return uri.isAbsolute() && uri.getHost() != null && uri.getScheme().matches("(?i)https?")
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static ProblemException refused(String why) {
        return new ProblemException(ProblemType.INVALID_FIELDS, "The webhook URL " + why + ".",
                List.of(new Violation("url", why)));
    }
}
