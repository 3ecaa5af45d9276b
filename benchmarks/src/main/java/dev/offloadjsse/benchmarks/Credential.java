package dev.offloadjsse.benchmarks;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A freshly generated self-signed server certificate with its key, offered as JDK key managers
 * (the server's) and trust managers (the client's, trusting exactly that certificate).
 */
public final class Credential {

    private static final char[] PASSWORD = "benchmark".toCharArray();
    private static Credential ecdsaP256;
    private static Credential rsa2048;

    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;

    private Credential(KeyManager[] keyManagers, TrustManager[] trustManagers) {
        this.keyManagers = keyManagers;
        this.trustManagers = trustManagers;
    }

    public static synchronized Credential ecdsaP256() throws GeneralSecurityException {
        if (ecdsaP256 == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            ecdsaP256 = selfSigned(generator.generateKeyPair(), "SHA256withECDSA");
        }
        return ecdsaP256;
    }

    public static synchronized Credential rsa2048() throws GeneralSecurityException {
        if (rsa2048 == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            rsa2048 = selfSigned(generator.generateKeyPair(), "SHA256withRSA");
        }
        return rsa2048;
    }

    public KeyManager[] keyManagers() {
        return keyManagers;
    }

    public TrustManager[] trustManagers() {
        return trustManagers;
    }

    private static Credential selfSigned(KeyPair keys, String signatureAlgorithm) throws GeneralSecurityException {
        X509Certificate certificate = certificate(keys, signatureAlgorithm);
        KeyStore keyStore = emptyKeyStore();
        keyStore.setKeyEntry("server", keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);

        KeyStore trustStore = emptyKeyStore();
        trustStore.setCertificateEntry("server", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        return new Credential(keyManagers.getKeyManagers(), trustManagers.getTrustManagers());
    }

    private static X509Certificate certificate(KeyPair keys, String signatureAlgorithm) throws GeneralSecurityException {
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                keys.getPublic());
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot sign a " + signatureAlgorithm + " certificate", e);
        }
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("Cannot create an empty key store", e);
        }
        return store;
    }
}
