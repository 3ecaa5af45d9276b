package dev.offloadjsse.examples;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.handshake.BcHandshakerFactory;
import dev.offloadjsse.remote.RemoteHandshakers;
import dev.offloadjsse.remote.RemoteKeys;
import dev.offloadjsse.remote.RemoteOffload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server side of an example's TLS: an {@code SSLContext} from the chosen provider with the
 * key from a PKCS#12 keystore or a generated self-signed certificate, the trust anchors for
 * client certificates, and the server certificate as PEM for clients.
 *
 * <p>With OffloadJSSE each server gets a provider instance of its own, so that its offloader
 * counters and its {@link StepThreads} (where the handshake steps ran) count only its own
 * handshakes, however many examples run in one JVM. {@link #close()} stops that offloader.
 *
 * <p>With {@code --offload remote:} the context is initialised with <em>no key manager</em>: this
 * process never loads a private key. Every server-role handshake runs on the handshake servers,
 * which pick the certificate from their own key store; the certificate for the PEM file is the
 * public chain the servers list ({@link RemoteKeys}).
 */
final class ServerTls implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServerTls.class.getName());

    private final SSLContext context;
    private final KeyStore keys;
    private final KeyStore trustStore;
    private final char[] password;
    private final List<KeyManager> keyManagers;
    private final X509Certificate certificate;
    private final OffloadJsseProvider offload;
    private final StepThreads stepThreads;
    private final RemoteHandshakers remote;
    private final ExampleOptions options;

    private ServerTls(Builder parts) {
        this.context = parts.context;
        this.keys = parts.keys;
        this.trustStore = parts.trustStore;
        this.password = parts.password;
        this.keyManagers = parts.keyManagers;
        this.certificate = parts.certificate;
        this.offload = parts.offload;
        this.stepThreads = parts.stepThreads;
        this.remote = parts.remote;
        this.options = parts.options;
    }

    /** The parts, filled in by {@link #create}. */
    private static final class Builder {
        SSLContext context;
        KeyStore keys;
        KeyStore trustStore;
        char[] password = new char[0];
        List<KeyManager> keyManagers = List.of();
        X509Certificate certificate;
        OffloadJsseProvider offload;
        StepThreads stepThreads;
        RemoteHandshakers remote;
        ExampleOptions options;
    }

    static ServerTls create(ExampleOptions options) throws GeneralSecurityException, IOException {
        Builder parts = new Builder();
        parts.options = options;
        parts.trustStore = trustStore(options);
        TrustManager[] trust = null; // null: the JDK's default trust anchors
        if (parts.trustStore != null) {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(parts.trustStore);
            trust = factory.getTrustManagers();
        }
        if (options.remote() != null) {
            createRemote(options, parts);
        } else {
            createLocal(options, parts);
        }
        parts.context.init(parts.keyManagers.isEmpty() ? null : parts.keyManagers.toArray(new KeyManager[0]), trust, null);
        return new ServerTls(parts);
    }

    private static void createLocal(ExampleOptions options, Builder parts) throws GeneralSecurityException, IOException {
        parts.keys = options.keystore() != null
                ? load(options.keystore(), options.password(), "server key from keystore {0}")
                : generated(options.password());
        parts.password = options.password();
        parts.certificate = firstKeyCertificate(parts.keys);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(parts.keys, options.password());
        parts.keyManagers = List.of(keyManagers.getKeyManagers());
        Provider provider;
        if (options.provider().equals(OffloadJsseProvider.NAME)) {
            parts.stepThreads = new StepThreads();
            StepThreads recorder = parts.stepThreads;
            parts.offload = new OffloadJsseProvider(OffloadConfig.fromSystemProperties()
                    .withHandshakers(random -> recorder.recording(new BcHandshakerFactory(random))));
            provider = parts.offload;
        } else {
            provider = Security.getProvider(JsseProviders.installed(options.provider()));
            if (provider == null) {
                throw new GeneralSecurityException("no JSSE provider named " + options.provider());
            }
        }
        parts.context = SSLContext.getInstance("TLS", provider);
    }

    /** No key store, no key manager: the handshake servers hold the key. */
    private static void createRemote(ExampleOptions options, Builder parts) throws GeneralSecurityException, IOException {
        RemoteOffloadOptions remoteOptions = options.remote();
        RemoteHandshakers remote;
        if (remoteOptions.channelKeystore() == null) {
            remote = RemoteOffload.handshakers(remoteOptions.targets());
        } else {
            RemoteHandshakers.Builder builder = RemoteHandshakers.builder(remoteOptions.targets())
                    .channelKeys(remoteOptions.channelKeystore(), remoteOptions.channelPassword(),
                            remoteOptions.channelTruststore(), remoteOptions.channelTruststorePassword());
            if (remoteOptions.authority() != null) {
                builder.authority(remoteOptions.authority());
            }
            remote = builder.build();
        }
        parts.remote = remote;
        parts.stepThreads = new StepThreads();
        StepThreads recorder = parts.stepThreads;
        parts.offload = new OffloadJsseProvider(OffloadConfig.fromSystemProperties()
                .withHandshakers(random -> recorder.recording(remote.handshakers(random))));
        parts.context = SSLContext.getInstance("TLS", parts.offload);
        parts.certificate = remoteCertificate(remote);
        LOG.log(System.Logger.Level.INFO, "no server key in this process: handshakes run on {0}", remote);
    }

    /** The first certificate the handshake servers list, or {@code null} (logged) when they cannot be asked now. */
    private static X509Certificate remoteCertificate(RemoteHandshakers remote) {
        try {
            RemoteKeys keys = remote.serverKeys();
            for (String keyType : List.of("EC", "RSA", "RSASSA-PSS", "Ed25519", "EdDSA")) {
                String[] aliases = keys.getServerAliases(keyType, null);
                if (aliases != null) {
                    return keys.getCertificateChain(aliases[0])[0];
                }
            }
            LOG.log(System.Logger.Level.WARNING, "the handshake servers list no certificate");
            return null;
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot show the server certificate: {0}", e.getCause().getMessage());
            return null;
        }
    }

    private static KeyStore trustStore(ExampleOptions options) throws GeneralSecurityException, IOException {
        if (options.truststore() == null) {
            return null;
        }
        // Without --truststore-password: null, which reads the certificates without checking the file's integrity.
        char[] password = options.truststorePassword().length == 0 ? null : options.truststorePassword();
        return load(options.truststore(), password, "client certificate trust from {0}");
    }

    SSLContext context() {
        return context;
    }

    /** The keystore with the server's key, for frameworks that build their own key managers; {@code null} when remote. */
    KeyStore keyStore() {
        return keys;
    }

    /** The trust anchors for client certificates ({@code --truststore}), or {@code null} for the JDK's defaults. */
    KeyStore trustStore() {
        return trustStore;
    }

    char[] password() {
        return password.clone();
    }

    /** The key managers {@link #context()} was initialised with: none with {@code --offload remote:}. */
    List<KeyManager> keyManagers() {
        return keyManagers;
    }

    /** The example's own OffloadJSSE provider, or {@code null} when it runs another provider. */
    OffloadJsseProvider offloadProvider() {
        return offload;
    }

    /** Where this server's handshake steps ran, or {@code null} when it runs another provider. */
    StepThreads stepThreads() {
        return stepThreads;
    }

    /** The handshake servers that run this server's handshakes, or {@code null} when they run here. */
    RemoteHandshakers remote() {
        return remote;
    }

    /**
     * Refuses what {@code example} cannot do with a message for the user.
     *
     * @param remoteSupported whether the example serves with a context that holds no key
     * @param alpnSupported whether the framework negotiates ALPN
     */
    static void requireSupported(ExampleOptions options, String example, boolean remoteSupported, boolean alpnSupported) {
        if (options.remote() != null && !remoteSupported) {
            throw new IllegalArgumentException("--offload remote: is supported by the https example, not by " + example);
        }
        if (!options.applicationProtocols().isEmpty() && !alpnSupported) {
            throw new IllegalArgumentException("--alpn: the " + example + " example negotiates no ALPN");
        }
    }

    /**
     * The server's ALPN list: the protocols asked for with {@code --alpn} that {@code example}
     * really serves ({@code spoken}), in the order asked. Offering a protocol the server does not
     * speak would let a client pick it and then fail (curl would send HTTP/2 frames to an HTTP/1.1
     * server), so the others are dropped with a warning; none left is an error.
     */
    List<String> applicationProtocols(String example, List<String> spoken) {
        List<String> served = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String protocol : options.applicationProtocols()) {
            (spoken.contains(protocol) ? served : dropped).add(protocol);
        }
        if (!dropped.isEmpty()) {
            if (served.isEmpty()) {
                throw new IllegalArgumentException("--alpn: the " + example + " example speaks only " + spoken
                        + ", none of " + dropped);
            }
            LOG.log(System.Logger.Level.WARNING, "--alpn: not offering {0}: the {1} example speaks only {2}",
                    dropped, example, spoken);
        }
        return served;
    }

    /** Applies {@code --client-auth} and the ALPN list {@code protocols} (empty: none) to a server engine. */
    void configure(SSLEngine engine, List<String> protocols) {
        SSLParameters parameters = engine.getSSLParameters();
        switch (options.clientAuth()) {
            case NEED -> parameters.setNeedClientAuth(true);
            case WANT -> parameters.setWantClientAuth(true);
            case NONE -> { }
        }
        if (!protocols.isEmpty()) {
            parameters.setApplicationProtocols(protocols.toArray(new String[0]));
        }
        engine.setSSLParameters(parameters);
    }

    ExampleOptions options() {
        return options;
    }

    /**
     * Writes the server certificate (never the key) to a new PEM file in the temporary directory;
     * {@code null} when the remote handshake servers could not list it at start.
     */
    Path writeCertificatePem() throws IOException, GeneralSecurityException {
        if (certificate == null) {
            return null;
        }
        Path pem = Files.createTempFile("offload-jsse-server-", ".pem");
        Files.writeString(pem, Pem.encode("CERTIFICATE", certificate.getEncoded()));
        return pem;
    }

    /** Stops the example's own offloader and the channel to the handshake servers (call after the server has stopped). */
    @Override
    public void close() {
        if (offload != null) {
            offload.config().offloader().close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    private static KeyStore load(Path file, char[] password, String message) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        LOG.log(System.Logger.Level.INFO, message, file);
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
