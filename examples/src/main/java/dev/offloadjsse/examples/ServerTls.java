package dev.offloadjsse.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server side of an example's TLS: an {@code SSLContext} from the chosen provider with the
 * key from a PKCS#12 keystore or a generated self-signed certificate, and that certificate as PEM
 * for clients.
 */
final class ServerTls {

    private static final System.Logger LOG = System.getLogger(ServerTls.class.getName());

    private final SSLContext context;
    private final X509Certificate certificate;

    private ServerTls(SSLContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    static ServerTls create(ExampleOptions options) throws GeneralSecurityException, IOException {
        KeyStore keys = options.keystore() != null
                ? load(options.keystore(), options.password())
                : generated(options.password());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, options.password());
        SSLContext context = SSLContext.getInstance("TLS", JsseProviders.installed(options.provider()));
        context.init(keyManagers.getKeyManagers(), null, null);
        return new ServerTls(context, firstKeyCertificate(keys));
    }

    SSLContext context() {
        return context;
    }

    /** Writes the server certificate (never the key) to a new PEM file in the temporary directory. */
    Path writeCertificatePem() throws IOException, GeneralSecurityException {
        Path pem = Files.createTempFile("offload-jsse-server-", ".pem");
        Files.writeString(pem, Pem.encode("CERTIFICATE", certificate.getEncoded()));
        return pem;
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        LOG.log(System.Logger.Level.INFO, "server key from keystore {0}", file);
        return store;
    }

    private static KeyStore generated(char[] password) throws GeneralSecurityException, IOException {
        SelfSignedCertificate generated = SelfSignedCertificate.generate();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", generated.privateKey(), password, new Certificate[] {generated.certificate()});
        LOG.log(System.Logger.Level.INFO, "server key: generated ECDSA P-256, self-signed for localhost and 127.0.0.1");
        return store;
    }

    private static X509Certificate firstKeyCertificate(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                return certificate;
            }
        }
        throw new GeneralSecurityException("the keystore holds no key with an X.509 certificate");
    }
}
