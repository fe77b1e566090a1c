package io.curbside.api.accounts;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No default secret ever: production needs a configured private key; dev makes a throwaway one. */
class ProductionModeTest {

    @Test
    void productionWithoutAKeyRefusesToStart() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new SigningKey(settings(null, "")));
        assertTrue(e.getMessage().contains("CURBSIDE_JWT_SIGNING_KEY"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> new SigningKey(settings("production", null)));
        assertThrows(ConfigurationException.class, () -> new SigningKey(settings("prod", null)),
                "anything but dev is production");
    }

    @Test
    void devMakesADifferentKeyEachStart() {
        assertNotEquals(new SigningKey(settings("dev", null)).keyId(), new SigningKey(settings("dev", null)).keyId());
    }

    @Test
    void aConfiguredPrivateKeyIsUsedAsIs() {
        String jwk = SigningKey.generate().toJSONString();
        SigningKey key = new SigningKey(settings("production", jwk));
        assertTrue(key.key().isPrivate());
        assertEquals("ES256", key.algorithm().getName());
    }

    @Test
    void aPublicKeyAKeyWithoutIdASecretOrSomethingElseIsRefused() {
        for (String refused : java.util.List.of(
                SigningKey.generate().toPublicJWK().toJSONString(),
                new com.nimbusds.jose.jwk.ECKey.Builder(SigningKey.generate()).keyID(null).build().toJSONString(),
                "{\"kty\":\"oct\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\",\"kid\":\"x\"}",
                "not json")) {
            assertThrows(ConfigurationException.class, () -> new SigningKey(settings("production", refused)), refused);
        }
    }

    @Test
    void anIdentityProviderWithoutAnAudienceOrIssuerIsRefused() {
        SigningKey key = new SigningKey(settings("dev", null));
        for (IdentityProviderSettings provider : java.util.List.of(
                new IdentityProviderSettings("https://login.city.test/certs", "https://login.city.test", "", "roles", ""),
                new IdentityProviderSettings("https://login.city.test/certs", null, "curbside", "roles", ""))) {
            assertThrows(ConfigurationException.class, () -> new TokenAuthentication(settings("dev", null), key, provider));
        }
        new TokenAuthentication(settings("dev", null), key,
                new IdentityProviderSettings("https://login.city.test/certs", "https://login.city.test", "curbside", "roles", ""));
    }

    private static TokenSettings settings(String mode, String key) {
        return new TokenSettings(mode, key, "curbside", "curbside-api", Duration.ofMinutes(10), Duration.ofDays(30), Duration.ofSeconds(30), null);
    }
}
