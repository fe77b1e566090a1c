package io.curbside.api.ogc;

import io.curbside.api.accounts.TokenSettings;
import io.curbside.api.opendata.query.ItemsParameters;
import io.curbside.api.opendata.query.PageCursors;
import io.curbside.api.opendata.query.Queryables;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key the items cursors are signed with, the same on every node so a next link made by one is read
 * by another: {@code CURBSIDE_OPENDATA_CURSOR_KEY} (base64 of at least 32 bytes) where set; else derived
 * from the token signing key, which every node shares already (an HMAC of it under a fixed label, so
 * the cursor key tells nothing of it). Only in dev mode without either is it random, per node.
 */
@Factory
class CursorKey {

    private static final String LABEL = "curbside opendata cursor key v1";

    @Singleton
    ItemsParameters itemsParameters(CursorSettings cursor, TokenSettings tokens) {
        return new ItemsParameters(Queryables.PUBLISHED_REQUEST, new PageCursors(key(cursor.cursorKey(),
                tokens.signingKey(), tokens.mode())));
    }

    static byte[] key(@Nullable String cursorKey, @Nullable String signingKey, @Nullable String mode) {
        if (cursorKey != null && !cursorKey.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(cursorKey.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("CURBSIDE_OPENDATA_CURSOR_KEY must be base64");
            }
            if (key.length < 32) {
                throw new ConfigurationException("CURBSIDE_OPENDATA_CURSOR_KEY must hold at least 32 bytes, not " + key.length);
            }
            return key;
        }
        if (signingKey != null && !signingKey.isBlank()) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(signingKey.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return mac.doFinal(LABEL.getBytes(StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
        if ("dev".equalsIgnoreCase(mode == null ? "" : mode.strip())) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }
        throw new ConfigurationException("No cursor key: set CURBSIDE_OPENDATA_CURSOR_KEY (base64 of 32 random bytes) "
                + "or CURBSIDE_JWT_SIGNING_KEY, the same on every node");
    }
}
