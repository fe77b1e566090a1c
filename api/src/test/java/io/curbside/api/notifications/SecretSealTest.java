package io.curbside.api.notifications;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhook secrets sealed at rest under the configured key, and opened only with it. */
class SecretSealTest {

    private static SecretSeal sealUnder(String base64Key) {
        return new SecretSeal(new WebhookSettings(false, false, Duration.ofSeconds(1), Duration.ofSeconds(1), base64Key));
    }

    private static String key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aSealedSecretOpensWithItsKeyOnly() {
        SecretSeal seal = sealUnder(key(1));
        byte[] secret = WebhookSignature.newSecret();
        byte[] stored = seal.seal(secret);
        assertTrue(seal.seals());
        assertEquals(12 + 32 + 16, stored.length, "nonce, secret, tag");
        assertFalse(Base64.getEncoder().encodeToString(stored).contains(Base64.getEncoder().encodeToString(secret)));
        assertNotEquals(Base64.getEncoder().encodeToString(stored), Base64.getEncoder().encodeToString(seal.seal(secret)),
                "a fresh nonce each time");
        assertArrayEquals(secret, seal.open(stored, true).orElseThrow());
        assertTrue(sealUnder(key(2)).open(stored, true).isEmpty(), "another key");
        assertTrue(sealUnder("").open(stored, true).isEmpty(), "no key");
        stored[20] ^= 1;
        assertTrue(seal.open(stored, true).isEmpty(), "tampered");
    }

    @Test
    void withoutAKeySecretsAreKeptAsTheyAreAndStillOpenLater() {
        SecretSeal none = sealUnder(" ");
        byte[] secret = WebhookSignature.newSecret();
        assertFalse(none.seals());
        assertArrayEquals(secret, none.seal(secret));
        assertArrayEquals(secret, sealUnder(key(3)).open(secret, false).orElseThrow(),
                "a key configured later leaves earlier secrets usable");
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64StopsTheStart() {
        assertThrows(ConfigurationException.class, () -> sealUnder("not base64!"));
        assertThrows(ConfigurationException.class, () -> sealUnder(Base64.getEncoder().encodeToString(new byte[16])));
    }
}
