package dev.offloadjsse.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed test identities (one per key type, made once per JVM) and contexts built on them. */
public final class TestCertificates {

    public enum KeyType { EC_P256, EC_P384, RSA_2048, RSA_PSS, ED25519 }

    public record Identity(PrivateKey key, X509Certificate certificate) {
        public KeyStore keyStore() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, PASSWORD, new X509Certificate[] {certificate});
            return store;
        }

        public KeyStore trustStore() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", certificate);
            return store;
        }
    }

    private static final char[] PASSWORD = "test".toCharArray();
    private static final ConcurrentHashMap<KeyType, Identity> IDENTITIES = new ConcurrentHashMap<>();

    private TestCertificates() {
    }

    public static Identity identity(KeyType type) {
        return IDENTITIES.computeIfAbsent(type, TestCertificates::generate);
    }

    /** A context of {@code provider} that serves {@code key} (or no key) and trusts {@code trusted}. */
    public static SSLContext context(java.security.Provider provider, Identity key, Identity trusted) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(key == null ? null : key.keyStore(), PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trusted.trustStore());
        SSLContext context = SSLContext.getInstance("TLS", provider);
        context.init(key == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static Identity generate(KeyType type) {
        try {
            KeyPair pair;
            String signature;
            switch (type) {
                case EC_P256: {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    pair = generator.generateKeyPair();
                    signature = "SHA256withECDSA";
                    break;
                }
                case EC_P384: {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp384r1"));
                    pair = generator.generateKeyPair();
                    signature = "SHA384withECDSA";
                    break;
                }
                case RSA_PSS: {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSASSA-PSS");
                    generator.initialize(2048);
                    pair = generator.generateKeyPair();
                    signature = "SHA256withRSAandMGF1";
                    break;
                }
                case RSA_2048: {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    pair = generator.generateKeyPair();
                    signature = "SHA256withRSA";
                    break;
                }
                default: {
                    pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                    signature = "Ed25519";
                }
            }
            X500Name name = new X500Name("CN=localhost");
            long now = System.currentTimeMillis();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 86_400_000L),
                    new Date(now + 86_400_000L * 365), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signature)
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(pair.getPrivate())));
            return new Identity(pair.getPrivate(), certificate);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot generate a " + type + " test certificate", e);
        }
    }
}
