package dev.offloadjsse.server;

import dev.offloadjsse.remote.ChannelKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed EC P-256 identities for localhost, made once per JVM: one per role of the tests. */
final class TestPki {

    static final char[] PASSWORD = "test".toCharArray();

    /** The TLS identity the handshake server serves; the front end never holds it. */
    static final String TLS = "tls";
    /** The handshake servers' channel identity. */
    static final String SERVER_CHANNEL = "server-channel";
    /** The front end's channel identity. */
    static final String FRONT_END_CHANNEL = "front-end-channel";
    /** A channel identity nobody trusts. */
    static final String STRANGER = "stranger";

    record Identity(PrivateKey key, X509Certificate certificate) {
        KeyStore keyStore() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", key, PASSWORD, new X509Certificate[] {certificate});
            return store;
        }

        KeyStore trustStore() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("trusted", certificate);
            return store;
        }
    }

    private static final ConcurrentHashMap<String, Identity> IDENTITIES = new ConcurrentHashMap<>();

    private TestPki() {
    }

    static Identity identity(String role) {
        return IDENTITIES.computeIfAbsent(role, TestPki::generate);
    }

    /** {@code own}'s channel identity, trusting {@code peer}'s. */
    static ChannelKeys channel(String own, String peer) throws Exception {
        return ChannelKeys.of(identity(own).keyStore(), PASSWORD, identity(peer).trustStore());
    }

    private static Identity generate(String role) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost, OU=" + role);
            long now = System.currentTimeMillis();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now),
                    new Date(now - 86_400_000L), new Date(now + 86_400_000L), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new Identity(pair.getPrivate(), certificate);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot generate the " + role + " test identity", e);
        }
    }
}
