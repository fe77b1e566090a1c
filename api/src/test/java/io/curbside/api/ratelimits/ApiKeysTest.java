package io.curbside.api.ratelimits;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.testing.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service administrators' routes will call: issue, list, revoke, and the check every request makes. */
@MicronautTest(transactional = false)
class ApiKeysTest extends DatabaseTest {

    @Inject
    ApiKeys apiKeys;

    @Test
    void anIssuedKeyIsShownOnceAndListedWithoutItsSecret() {
        IssuedApiKey issued = apiKeys.issue("  Riverton Open311 app  ", 120, "admin-7");
        ApiKey key = issued.key();
        assertTrue(issued.secret().startsWith(key.prefix() + "_"), issued.secret());
        assertTrue(key.prefix().matches("cs_live_[0-9a-z]{8}"), key.prefix());
        assertEquals("Riverton Open311 app", key.name());
        assertEquals(120, key.perMinute());
        assertEquals("admin-7", key.createdBy());
        assertNull(key.revokedAt());
        assertTrue(apiKeys.list().contains(key));
        assertTrue(!issued.toString().contains(issued.secret().substring(key.prefix().length())), issued.toString());
    }

    @Test
    void verifyKnowsTheKeyAndNothingElse() {
        IssuedApiKey issued = apiKeys.issue("Checked", null, null);
        assertEquals(Optional.of(issued.key().id()), apiKeys.verify(issued.secret()).map(ApiKey::id));
        assertEquals(Optional.of(issued.key().id()), apiKeys.verify(" " + issued.secret() + "\t").map(ApiKey::id));
        String sameLengthOtherSecret = issued.key().prefix() + "_" + "0".repeat(43);
        assertEquals(Optional.empty(), apiKeys.verify(sameLengthOtherSecret));
        String otherPrefix = "cs_live_zzzzzzzz" + issued.secret().substring(issued.key().prefix().length());
        assertEquals(Optional.empty(), apiKeys.verify(otherPrefix));
        assertEquals(Optional.empty(), apiKeys.verify(""));
        assertEquals(Optional.empty(), apiKeys.verify(null));
    }

    @Test
    void aRevokedKeyStaysListedAndStopsWorkingAtOnce() {
        IssuedApiKey issued = apiKeys.issue("To revoke", null, null);
        assertTrue(apiKeys.verify(issued.secret()).isPresent());
        ApiKey revoked = apiKeys.revoke(issued.key().id()).orElseThrow();
        assertTrue(revoked.revoked());
        assertEquals(Optional.empty(), apiKeys.verify(issued.secret()));
        // Revoking again keeps the first revocation's time.
        assertEquals(revoked.revokedAt(), apiKeys.revoke(issued.key().id()).orElseThrow().revokedAt());
        List<ApiKey> listed = apiKeys.list();
        assertTrue(listed.stream().anyMatch(k -> k.id() == revoked.id() && k.revoked()));
        assertEquals(Optional.empty(), apiKeys.revoke(Long.MAX_VALUE));
    }

    @Test
    void aKeyNeedsANameAndAPositiveLimit() {
        ProblemException noName = assertThrows(ProblemException.class, () -> apiKeys.issue(" ", null, null));
        assertEquals(ProblemType.INVALID_PARAMETER, noName.type());
        assertEquals("name", noName.violations().get(0).getField());
        assertThrows(ProblemException.class, () -> apiKeys.issue("x".repeat(201), null, null));
        ProblemException zero = assertThrows(ProblemException.class, () -> apiKeys.issue("Zero", 0, null));
        assertEquals("per_minute", zero.violations().get(0).getField());
    }

    @Test
    void eachKeyIsDifferent() {
        IssuedApiKey a = apiKeys.issue("A", null, null);
        IssuedApiKey b = apiKeys.issue("B", null, null);
        assertNotEquals(a.key().prefix(), b.key().prefix());
        assertNotEquals(a.secret().substring(17), b.secret().substring(17));
    }
}
