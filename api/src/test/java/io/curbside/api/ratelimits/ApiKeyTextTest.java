package io.curbside.api.ratelimits;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The form of a key: what is generated always parses back, and nothing else does. */
class ApiKeyTextTest {

    @Test
    void generatedKeysParseBackAndAreAllDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            ApiKeyText key = ApiKeyText.generate();
            assertEquals(60, key.text().length(), key.text());
            assertTrue(key.text().matches("cs_live_[0-9a-z]{8}_[0-9A-Za-z]{43}"), key.text());
            assertEquals(Optional.of(key), ApiKeyText.parse(key.text()));
            assertTrue(key.matches(key.sha256()));
            assertTrue(seen.add(key.text()));
        }
    }

    @Test
    void otherTextIsNoKey() {
        String good = ApiKeyText.generate().text();
        assertEquals(Optional.empty(), ApiKeyText.parse(good.substring(1)));
        assertEquals(Optional.empty(), ApiKeyText.parse(good + "A"));
        assertEquals(Optional.empty(), ApiKeyText.parse(good.replace("cs_live_", "cs_test_")));
        assertEquals(Optional.empty(), ApiKeyText.parse(good.substring(0, 59) + "-"));
        assertEquals(Optional.empty(), ApiKeyText.parse("Bearer " + good));
    }

    @Test
    void aKeyMatchesOnlyItsOwnHash() {
        ApiKeyText a = ApiKeyText.generate();
        ApiKeyText b = ApiKeyText.generate();
        assertFalse(a.matches(b.sha256()));
        assertFalse(a.toString().contains(a.text().substring(17)), a.toString());
    }
}
