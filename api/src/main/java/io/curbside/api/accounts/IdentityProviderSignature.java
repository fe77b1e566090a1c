package io.curbside.api.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.security.Key;
import java.util.List;
import java.util.Set;

/**
 * Checks tokens of the city's identity provider against the keys its JWKS URL publishes.
 * Asymmetric algorithms only: a public key is never taken for an HMAC secret. Token checks run
 * on the event loop, so the key set is fetched at start-up and then refreshed in the background
 * before its cache lapses; only a key id never seen makes a check wait for a fetch.
 */
@Context
@Named("identity-provider")
@Requires(property = "curbside.identity-provider.jwks-url", pattern = ".+")
class IdentityProviderSignature implements SignatureConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityProviderSignature.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    /** Refresh this long before the cached key set lapses (Nimbus caches it for five minutes). */
    private static final long REFRESH_AHEAD_MS = 60_000;

    private final JWKSource<SecurityContext> keys;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    IdentityProviderSignature(IdentityProviderSettings settings) throws MalformedURLException {
        this.keys = JWKSourceBuilder.create(URI.create(settings.jwksUrl().strip()).toURL())
                .retrying(true)
                .refreshAheadCache(REFRESH_AHEAD_MS, true)
                .build();
        try {
            keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
        } catch (KeySourceException e) {
            // The provider may be down while Curbside starts: its tokens wait, Curbside's own work.
            LOG.warn("The identity provider's keys could not be fetched at start-up: {}", e.getMessage());
        }
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "RS, PS, ES and EdDSA algorithms are supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return ALGORITHMS.contains(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) {
        try {
            List<? extends Key> candidates = new JWSVerificationKeySelector<>(jwt.getHeader().getAlgorithm(), keys)
                    .selectJWSKeys(jwt.getHeader(), null);
            for (Key key : candidates) {
                JWSVerifier verifier = verifiers.createJWSVerifier(jwt.getHeader(), key);
                if (jwt.verify(verifier)) {
                    return true;
                }
            }
            return false;
        } catch (JOSEException e) {
            // The key set could not be fetched or read: the token cannot be trusted now.
            LOG.warn("Identity provider token not checked: {}", e.getMessage());
            return false;
        }
    }
}
