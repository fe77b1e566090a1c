package io.curbside.api.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Checks the signature of Curbside's own tokens: its key, its algorithm, and its key id only. */
@Singleton
@Named("curbside")
class LocalSignature implements SignatureConfiguration {

    private final SigningKey key;
    private final JWSVerifier verifier;

    LocalSignature(SigningKey key) throws JOSEException {
        this.key = key;
        this.verifier = key.key() instanceof ECKey ec
                ? new ECDSAVerifier(ec.toECPublicKey())
                : new RSASSAVerifier(((RSAKey) key.key()).toRSAPublicKey());
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only " + key.algorithm().getName() + " is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return key.algorithm().equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return key.keyId().equals(jwt.getHeader().getKeyID()) && jwt.verify(verifier);
    }
}
