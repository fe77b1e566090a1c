package io.curbside.api.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Makes Curbside's short-lived access tokens (RFC 9068 shape): who the account is, its roles,
 * and for staff their departments, the sign-in it belongs to ({@code sid}) and when that sign-in
 * checked the password ({@code auth_time}). Roles are read at login and refresh; the routes that
 * re-read the account see a role taken away, or the sign-in ended, at once.
 */
@Singleton
public class AccessTokens {

    static final String ROLES = "roles";
    static final String DEPARTMENTS = "departments";
    /** The sign-in the token belongs to (its refresh-token family): ending it stops the token on re-reading routes. */
    static final String SESSION = "sid";
    /** When the password was checked for that sign-in (OpenID Connect's claim): refreshing keeps it. */
    static final String AUTH_TIME = "auth_time";

    private final SigningKey key;
    private final TokenSettings settings;
    private final Clock clock;
    private final JWSSigner signer;

    AccessTokens(SigningKey key, TokenSettings settings, Clock clock) throws JOSEException {
        this.key = key;
        this.settings = settings;
        this.clock = clock;
        this.signer = key.key() instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key.key());
    }

    /**
     * A signed access token for the account's sign-in, valid for the configured lifetime from now;
     * {@code authenticatedAt} null when the sign-in's time is not known (then no auth_time).
     */
    String issue(Actor actor, UUID session, @Nullable Instant authenticatedAt) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(actor.accountId().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.accessTtl())))
                .jwtID(UUID.randomUUID().toString())
                .claim(ROLES, actor.roles().stream().map(Role::wire).sorted().toList())
                .claim(DEPARTMENTS, List.copyOf(actor.departments()))
                .claim(SESSION, session.toString());
        if (authenticatedAt != null) {
            claims.claim(AUTH_TIME, authenticatedAt.getEpochSecond());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).keyID(key.keyId())
                .type(new JOSEObjectType("at+jwt")).build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with a checked key cannot fail", e);
        }
        return jwt.serialize();
    }

    public long lifetimeSeconds() {
        return settings.accessTtl().toSeconds();
    }
}
