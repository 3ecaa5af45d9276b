package dev.offloadjsse.conformance;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away ECDSA CA and one leaf per {@link CertificateType} for {@code localhost} and
 * {@code 127.0.0.1}, as JSSE key and trust managers and as the PEM, PKCS#12 and NSS database
 * files the command-line peers read.
 */
final class TestPki {

    private static final char[] PASSWORD = "interop".toCharArray();

    private final Path directory;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Map<CertificateType, KeyStore> leaves = new EnumMap<>(CertificateType.class);
    private final KeyStore clientLeaf;
    private Path nssDatabase;
    private Path nssClientDatabase;
    private Path nssTrustDatabase;

    TestPki(Path directory) throws GeneralSecurityException, IOException {
        this.directory = Files.createDirectories(directory);
        this.caKeys = CertificateType.ECDSA_P256.keyPairGenerator().generateKeyPair();
        this.ca = sign(new X500Name("CN=Offload JSSE interop CA"), caKeys, true);
        writePem(caPem(), "CERTIFICATE", ca.getEncoded());
        for (CertificateType type : CertificateType.values()) {
            // one subject per leaf: NSS files a certificate under the nickname of one with the same subject
            leaves.put(type, leaf(new X500Name("CN=localhost,OU=" + type.label()), type.keyPairGenerator().generateKeyPair(),
                    keyPem(type), certPem(type)));
        }
        clientLeaf = leaf(new X500Name(CLIENT_SUBJECT), CertificateType.ECDSA_P256.keyPairGenerator().generateKeyPair(),
                clientKeyPem(), clientCertPem());
    }

    /** The subject of the client certificate (client authentication cells): ECDSA P-256, signed by the CA. */
    static final String CLIENT_SUBJECT = "CN=Offload JSSE interop client";

    private KeyStore leaf(X500Name subject, KeyPair keys, Path keyFile, Path chainFile)
            throws GeneralSecurityException, IOException {
        X509Certificate leaf = sign(subject, keys, false);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("leaf", keys.getPrivate(), PASSWORD, new Certificate[] {leaf, ca});
        writePem(keyFile, "PRIVATE KEY", pkcs8WithPublicKey(keys));
        Files.writeString(chainFile, pem("CERTIFICATE", leaf.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
        return store;
    }

    /**
     * PKCS#8 as OpenSSL writes it. The JDK leaves the optional public key out of an EC private key
     * (RFC 5915 §3), and GnuTLS 3.7 refuses such a key ("ASN1 parser: Element was not found").
     */
    private static byte[] pkcs8WithPublicKey(KeyPair keys) throws IOException {
        byte[] encoded = keys.getPrivate().getEncoded();
        if (!keys.getPrivate().getAlgorithm().equals("EC")) {
            return encoded;
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(encoded);
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        byte[] point = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getOctets();
        int orderBits = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getParams().getOrder().bitLength();
        return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), new org.bouncycastle.asn1.sec.ECPrivateKey(
                orderBits, sec1.getKey(), new DERBitString(point), null)).getEncoded();
    }

    Path clientCertPem() {
        return directory.resolve("client-chain.pem");
    }

    Path clientKeyPem() {
        return directory.resolve("client-key.pem");
    }

    /** The client certificate and its key, for a key manager factory. */
    KeyManagerFactory initialisedForClient(KeyManagerFactory factory) throws GeneralSecurityException {
        factory.init(clientLeaf, PASSWORD);
        return factory;
    }

    /** A scratch file of the matrix (for example a tool's message trace) next to the certificates. */
    Path file(String name) {
        return directory.resolve(name);
    }

    Path caPem() {
        return directory.resolve("ca.pem");
    }

    /** The leaf certificate followed by the CA certificate. */
    Path certPem(CertificateType type) {
        return directory.resolve(type.name().toLowerCase() + "-chain.pem");
    }

    Path keyPem(CertificateType type) {
        return directory.resolve(type.name().toLowerCase() + "-key.pem");
    }

    /** The leaf of {@code type} and its private key, for a key manager factory. */
    KeyManagerFactory initialised(KeyManagerFactory factory, CertificateType type) throws GeneralSecurityException {
        factory.init(leaves.get(type), PASSWORD);
        return factory;
    }

    /** The test CA as the only trust anchor of {@code factory}. */
    TrustManagerFactory initialised(TrustManagerFactory factory) throws GeneralSecurityException, IOException {
        factory.init(trustStore());
        return factory;
    }

    /** A key store holding only the test CA. */
    KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        return trusted;
    }

    /**
     * An NSS database (made once with {@code certutil} and {@code pk12util}) trusting the CA and
     * holding the leaves NSS can use, under the nickname {@link #nssNickname}.
     */
    synchronized Path nssDatabase() throws IOException, InterruptedException {
        if (nssDatabase == null) {
            Path db = newNssDatabase("nssdb");
            for (CertificateType type : List.of(CertificateType.ECDSA_P256, CertificateType.RSA_2048)) {
                importIntoNss(db, keyPem(type), certPem(type), nssNickname(type));
            }
            nssDatabase = db;
        }
        return nssDatabase;
    }

    /**
     * A database trusting the CA with only the client certificate, under {@link #NSS_CLIENT_NICKNAME}.
     * Apart: tstclnt sends a certificate of its database (any with a key) when a server asks, -n or not.
     */
    synchronized Path nssClientDatabase() throws IOException, InterruptedException {
        if (nssClientDatabase == null) {
            Path db = newNssDatabase("nssdb-client");
            importIntoNss(db, clientKeyPem(), clientCertPem(), NSS_CLIENT_NICKNAME);
            nssClientDatabase = db;
        }
        return nssClientDatabase;
    }

    /** A database that only trusts the CA: a tstclnt with it has no certificate to send. */
    synchronized Path nssTrustDatabase() throws IOException, InterruptedException {
        if (nssTrustDatabase == null) {
            nssTrustDatabase = newNssDatabase("nssdb-trust");
        }
        return nssTrustDatabase;
    }

    private Path newNssDatabase(String name) throws IOException, InterruptedException {
        Path db = directory.resolve(name);
        if (Files.exists(db)) {
            // a database of an earlier run holds that run's CA and leaves under the same nicknames
            try (java.util.stream.Stream<Path> old = Files.list(db)) {
                for (Path file : (Iterable<Path>) old::iterator) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(db);
        String dir = "sql:" + db;
        ToolProcess.runChecked(List.of("certutil", "-N", "-d", dir, "--empty-password"));
        ToolProcess.runChecked(List.of("certutil", "-A", "-d", dir, "-n", "ca", "-t", "CT,C,C", "-i", caPem().toString()));
        return db;
    }

    private void importIntoNss(Path db, Path key, Path chain, String nickname) throws IOException, InterruptedException {
        Path passwordFile = Files.writeString(directory.resolve("nss-password.txt"), new String(PASSWORD));
        Path p12 = directory.resolve(nickname + ".p12");
        ToolProcess.runChecked(List.of("openssl", "pkcs12", "-export", "-inkey", key.toString(), "-in", chain.toString(),
                "-name", nickname, "-passout", "file:" + passwordFile, "-out", p12.toString()));
        ToolProcess.runChecked(List.of("pk12util", "-i", p12.toString(), "-d", "sql:" + db, "-w", passwordFile.toString()));
    }

    static final String NSS_CLIENT_NICKNAME = "client";

    static String nssNickname(CertificateType type) {
        return type.name().toLowerCase();
    }

    private X509Certificate sign(X500Name subject, KeyPair keys, boolean isCa) throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                isCa ? subject : X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(System.nanoTime() & 0xffff)),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
                subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        Files.writeString(file, pem(type, der));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
