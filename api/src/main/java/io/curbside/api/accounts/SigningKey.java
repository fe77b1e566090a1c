package io.curbside.api.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.util.UUID;

/**
 * The private key Curbside signs its access tokens with: an EC P-256 (ES256) or RSA (RS256)
 * JWK from {@code CURBSIDE_JWT_SIGNING_KEY}. Never a default: without one, dev mode makes a
 * fresh key at start (tokens die with the process) and production refuses to start.
 */
@Singleton
public class SigningKey {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);

    private final JWK key;
    private final JWSAlgorithm algorithm;

    SigningKey(TokenSettings settings) {
        String configured = settings.signingKey() == null ? "" : settings.signingKey().strip();
        if (configured.isEmpty()) {
            if (!settings.dev()) {
                throw new ConfigurationException("No token signing key: set CURBSIDE_JWT_SIGNING_KEY to a private JWK "
                        + "(script/keygen makes one), or CURBSIDE_MODE=dev to use a throwaway key.");
            }
            LOG.warn("Dev mode: signing tokens with a key made for this run only (set CURBSIDE_JWT_SIGNING_KEY to keep them).");
            this.key = generate();
        } else {
            this.key = parse(configured);
        }
        this.algorithm = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
    }

    /** A new EC P-256 signing key with a random key id, as script/keygen prints it. */
    public static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("every JVM can make a P-256 key", e);
        }
    }

    private static JWK parse(String json) {
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        } catch (ParseException e) {
            throw new ConfigurationException("CURBSIDE_JWT_SIGNING_KEY is not a JWK: " + e.getMessage());
        }
        if (!jwk.isPrivate()) {
            throw new ConfigurationException("CURBSIDE_JWT_SIGNING_KEY is a public key; tokens need the private one.");
        }
        if (jwk.getKeyID() == null || jwk.getKeyID().isBlank()) {
            throw new ConfigurationException("CURBSIDE_JWT_SIGNING_KEY needs a \"kid\", which names the key in every token.");
        }
        if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return jwk;
        }
        if (jwk instanceof RSAKey rsa && rsa.size() >= 2048) {
            return jwk;
        }
        throw new ConfigurationException("CURBSIDE_JWT_SIGNING_KEY must be an EC P-256 key or an RSA key of 2048 bits or more.");
    }

    public JWK key() {
        return key;
    }

    public String keyId() {
        return key.getKeyID();
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** Prints a new signing key, for CURBSIDE_JWT_SIGNING_KEY. */
    public static void main(String[] args) {
        System.out.println(generate().toJSONString());
    }
}
