package io.curbside.api.accounts;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a token whose signature checked out into a person, or refuses it. Curbside's own
 * tokens must name its issuer, audience and key, and carry its roles and sign-in; the identity provider's
 * must name that issuer (and audience, when configured), and get roles only through the role
 * map. Either must expire. Anything else is no one (401 on every protected route).
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
class TokenAuthentication implements JwtAuthenticationFactory {

    /** Authentication attributes. */
    static final String ISSUER = "iss";
    static final String DEPARTMENTS = AccessTokens.DEPARTMENTS;
    /** The sign-in of one of Curbside's own tokens, as a UUID (the identity provider's have none). */
    static final String SESSION = AccessTokens.SESSION;
    /** When the person last typed their password, as an Instant, where the token says. */
    static final String AUTH_TIME = AccessTokens.AUTH_TIME;

    private final TokenSettings own;
    private final SigningKey key;
    private final IdentityProviderSettings provider;
    private final Map<String, IdentityProviderSettings.Grant> grants;

    TokenAuthentication(TokenSettings own, SigningKey key, IdentityProviderSettings provider) {
        this.own = own;
        this.key = key;
        this.provider = provider;
        this.grants = provider.grants();
        if (provider.enabled() && (blank(provider.issuer()) || blank(provider.audience()))) {
            // Without an audience, a token the provider issued for any other app would open Curbside.
            throw new ConfigurationException("CURBSIDE_IDP_JWKS_URL is set: CURBSIDE_IDP_ISSUER and CURBSIDE_IDP_AUDIENCE "
                    + "must be set too.");
        }
        if (provider.enabled() && blank(provider.rolesClaim())) {
            throw new ConfigurationException("CURBSIDE_IDP_JWKS_URL is set: CURBSIDE_IDP_ROLES_CLAIM must name the claim "
                    + "that holds its groups.");
        }
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        try {
            if (!(token instanceof SignedJWT signed)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = signed.getJWTClaimsSet();
            if (claims.getExpirationTime() == null || claims.getSubject() == null || claims.getSubject().isBlank()) {
                return Optional.empty();
            }
            if (own.issuer().equals(claims.getIssuer())) {
                return ownToken(signed, claims);
            }
            if (provider.enabled() && provider.issuer() != null && provider.issuer().equals(claims.getIssuer())) {
                return providerToken(claims);
            }
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private Optional<Authentication> ownToken(SignedJWT signed, JWTClaimsSet claims) throws ParseException {
        if (!key.keyId().equals(signed.getHeader().getKeyID())
                || !new JOSEObjectType("at+jwt").equals(signed.getHeader().getType())
                || claims.getAudience() == null || !claims.getAudience().contains(own.audience())) {
            return Optional.empty();
        }
        Optional<UUID> session = uuid(claims.getClaim(SESSION));
        if (session.isEmpty()) {
            // Every token Curbside makes names its sign-in; one that does not cannot be ended, so it is no one.
            return Optional.empty();
        }
        List<String> roles = strings(claims.getClaim(AccessTokens.ROLES));
        List<String> departments = strings(claims.getClaim(AccessTokens.DEPARTMENTS));
        Map<String, Object> attributes = new HashMap<>(Map.of(ISSUER, own.issuer(), DEPARTMENTS, departments,
                SESSION, session.get()));
        authTime(claims).ifPresent(at -> attributes.put(AUTH_TIME, at));
        return Optional.of(Authentication.build(claims.getSubject(), roles, attributes));
    }

    private Optional<Authentication> providerToken(JWTClaimsSet claims) {
        if (claims.getAudience() == null || !claims.getAudience().contains(provider.audience().strip())) {
            return Optional.empty();
        }
        Set<String> roles = new LinkedHashSet<>();
        Set<String> departments = new LinkedHashSet<>();
        roles.add(Role.RESIDENT.wire());
        for (String value : strings(claims.getClaim(provider.claim()))) {
            IdentityProviderSettings.Grant grant = grants.get(value);
            if (grant != null) {
                roles.add(grant.role().wire());
                grant.department().ifPresent(departments::add);
            }
        }
        Map<String, Object> attributes = new HashMap<>(Map.of(ISSUER, provider.issuer(),
                DEPARTMENTS, List.copyOf(departments)));
        // OpenID Connect's auth_time, where the provider sends it: re-authentication goes by it.
        authTime(claims).ifPresent(at -> attributes.put(AUTH_TIME, at));
        return Optional.of(Authentication.build(claims.getSubject(), List.copyOf(roles), attributes));
    }

    /**
     * auth_time in seconds since the epoch (RFC 7519 NumericDate); anything else, a time no
     * Instant holds (a provider's 1e300) included, is as good as absent.
     */
    static Optional<Instant> authTime(JWTClaimsSet claims) {
        if (!(claims.getClaim(AUTH_TIME) instanceof Number seconds)) {
            return Optional.empty();
        }
        double exact = seconds.doubleValue();
        if (!(exact >= Instant.MIN.getEpochSecond() && exact <= Instant.MAX.getEpochSecond())) {
            // Beyond a long too, where longValue() would clamp or wrap (a double, a BigInteger), or NaN.
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<UUID> uuid(Object claim) {
        if (claim instanceof String text) {
            try {
                return Optional.of(UUID.fromString(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** A claim as a list of strings: a JSON array of strings, or one space-separated string (OAuth scopes). */
    static List<String> strings(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                if (value instanceof String s) {
                    out.add(s);
                }
            }
        } else if (claim instanceof String s) {
            for (String part : s.strip().split("\\s+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }
}
