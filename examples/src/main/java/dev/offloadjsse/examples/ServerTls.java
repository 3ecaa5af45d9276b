package dev.offloadjsse.examples;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.handshake.BcHandshakerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server side of an example's TLS: an {@code SSLContext} from the chosen provider with the
 * key from a PKCS#12 keystore or a generated self-signed certificate, and that certificate as PEM
 * for clients.
 *
 * <p>With OffloadJSSE each server gets a provider instance of its own, so that its offloader
 * counters and its {@link StepThreads} (where the handshake steps ran) count only its own
 * handshakes, however many examples run in one JVM. {@link #close()} stops that offloader.
 */
final class ServerTls implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServerTls.class.getName());

    private final SSLContext context;
    private final KeyStore keys;
    private final char[] password;
    private final X509Certificate certificate;
    private final OffloadJsseProvider offload;
    private final StepThreads stepThreads;

    private ServerTls(SSLContext context, KeyStore keys, char[] password, OffloadJsseProvider offload,
            StepThreads stepThreads) throws GeneralSecurityException {
        this.context = context;
        this.keys = keys;
        this.password = password;
        this.certificate = firstKeyCertificate(keys);
        this.offload = offload;
        this.stepThreads = stepThreads;
    }

    static ServerTls create(ExampleOptions options) throws GeneralSecurityException, IOException {
        KeyStore keys = options.keystore() != null
                ? load(options.keystore(), options.password())
                : generated(options.password());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, options.password());
        OffloadJsseProvider offload = null;
        StepThreads stepThreads = null;
        Provider provider;
        if (options.provider().equals(OffloadJsseProvider.NAME)) {
            stepThreads = new StepThreads();
            StepThreads recorder = stepThreads;
            offload = new OffloadJsseProvider(OffloadConfig.fromSystemProperties()
                    .withHandshakers(random -> recorder.recording(new BcHandshakerFactory(random))));
            provider = offload;
        } else {
            provider = Security.getProvider(JsseProviders.installed(options.provider()));
            if (provider == null) {
                throw new GeneralSecurityException("no JSSE provider named " + options.provider());
            }
        }
        SSLContext context = SSLContext.getInstance("TLS", provider);
        context.init(keyManagers.getKeyManagers(), null, null);
        return new ServerTls(context, keys, options.password(), offload, stepThreads);
    }

    SSLContext context() {
        return context;
    }

    /** The keystore with the server's key, for frameworks that build their own key managers. */
    KeyStore keyStore() {
        return keys;
    }

    char[] password() {
        return password.clone();
    }

    /** The example's own OffloadJSSE provider, or {@code null} when it runs another provider. */
    OffloadJsseProvider offloadProvider() {
        return offload;
    }

    /** Where this server's handshake steps ran, or {@code null} when it runs another provider. */
    StepThreads stepThreads() {
        return stepThreads;
    }

    /** Writes the server certificate (never the key) to a new PEM file in the temporary directory. */
    Path writeCertificatePem() throws IOException, GeneralSecurityException {
        Path pem = Files.createTempFile("offload-jsse-server-", ".pem");
        Files.writeString(pem, Pem.encode("CERTIFICATE", certificate.getEncoded()));
        return pem;
    }

    /** Stops the example's own offloader (call after the server has stopped). */
    @Override
    public void close() {
        if (offload != null) {
            offload.config().offloader().close();
        }
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
