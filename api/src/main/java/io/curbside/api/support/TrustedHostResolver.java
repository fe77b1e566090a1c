package io.curbside.api.support;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.util.DefaultHttpHostResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

/**
 * The host a client called, for links in answers. Micronaut's resolver believes Forwarded and
 * X-Forwarded-Host/-Proto/-Port from anyone, so a client could make the links in an answer (and in
 * any cache in front that does not key on those headers) point at its own host. Here they are read
 * only from a trusted proxy; from anyone else, only the Host header and the connection's scheme.
 */
@Singleton
@Replaces(DefaultHttpHostResolver.class)
class TrustedHostResolver extends DefaultHttpHostResolver {

    private final TrustedProxies proxies;

    TrustedHostResolver(HttpServerConfiguration serverConfiguration, BeanProvider<EmbeddedServer> embeddedServer,
                        TrustedProxies proxies) {
        super(serverConfiguration, embeddedServer);
        this.proxies = proxies;
    }

    @Override
    public String resolve(@Nullable HttpRequest request) {
        if (request == null || proxies.trustsPeerOf(request)) {
            return super.resolve(request);
        }
        // What Micronaut does without proxy headers: Host, with the scheme of the connection.
        String host = request.getHeaders().get(HttpHeaders.HOST) == null ? getEmbeddedHost()
                : getConfiguredHost(request, null, HttpHeaders.HOST, null, true);
        return validateHost(host);
    }
}
