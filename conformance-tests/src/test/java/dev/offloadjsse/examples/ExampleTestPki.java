package dev.offloadjsse.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

/**
 * Certificates for the example tests, written as files the way a user passes them: a PKCS#12
 * identity (key and certificate), a PKCS#12 trust store with only the certificate, and PEM files
 * of both for curl. Each identity is a fresh self-signed ECDSA P-256 certificate.
 */
final class ExampleTestPki {

    static final char[] PASSWORD = "changeit".toCharArray();

    /**
     * @param keyStore PKCS#12 with the key and certificate (password {@link #PASSWORD})
     * @param trustStore PKCS#12 with the certificate only (password {@link #PASSWORD})
     * @param certificatePem the certificate, PEM
     * @param keyPem the private key, PKCS#8 PEM
     * @param subject the certificate's subject, RFC 2253
     */
    record Identity(KeyStore keys, KeyStore trust, Path keyStore, Path trustStore, Path certificatePem, Path keyPem,
            String subject) {
    }

    private ExampleTestPki() {
    }

    /** A new identity {@code CN=commonName} (with SAN localhost and 127.0.0.1), its files in {@code directory}. */
    static Identity identity(Path directory, String name, String commonName) throws GeneralSecurityException, IOException {
        SelfSignedCertificate generated = SelfSignedCertificate.generate(commonName);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(name, generated.privateKey(), PASSWORD, new Certificate[] {generated.certificate()});
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(name, generated.certificate());
        Path keyStore = store(keys, directory.resolve(name + ".p12"));
        Path trustStore = store(trust, directory.resolve(name + "-trust.p12"));
        Path certificatePem = Files.writeString(directory.resolve(name + ".crt"),
                Pem.encode("CERTIFICATE", generated.certificate().getEncoded()));
        Path keyPem = Files.writeString(directory.resolve(name + ".key"),
                Pem.encode("PRIVATE KEY", generated.privateKey().getEncoded()));
        return new Identity(keys, trust, keyStore, trustStore, certificatePem, keyPem,
                generated.certificate().getSubjectX500Principal().getName());
    }

    private static Path store(KeyStore store, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }
}
