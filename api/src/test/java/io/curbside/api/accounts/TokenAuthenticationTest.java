package io.curbside.api.accounts;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A token's auth_time is a time only when an Instant can hold it: anything else is as good as absent, never a 500. */
class TokenAuthenticationTest {

    @Test
    void anAuthTimeNoInstantHoldsIsAbsent() {
        for (Object huge : new Object[] {Long.MAX_VALUE, Long.MIN_VALUE, 1e300, -1e300, Double.NaN,
                Double.POSITIVE_INFINITY, new BigInteger("99999999999999999999999"), Instant.MAX.getEpochSecond() + 1}) {
            assertEquals(Optional.empty(), TokenAuthentication.authTime(claims(huge)), String.valueOf(huge));
        }
        assertEquals(Optional.empty(), TokenAuthentication.authTime(claims("1700000000")));
        assertEquals(Optional.empty(), TokenAuthentication.authTime(new JWTClaimsSet.Builder().build()));
    }

    @Test
    void anAuthTimeInSecondsIsThatInstant() {
        assertEquals(Optional.of(Instant.ofEpochSecond(1_700_000_000L)),
                TokenAuthentication.authTime(claims(1_700_000_000L)));
        assertEquals(Optional.of(Instant.ofEpochSecond(1_700_000_000L)),
                TokenAuthentication.authTime(claims(1_700_000_000.5)));
    }

    private static JWTClaimsSet claims(Object authTime) {
        return new JWTClaimsSet.Builder().claim(TokenAuthentication.AUTH_TIME, authTime).build();
    }
}
