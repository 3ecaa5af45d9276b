package dev.offloadjsse.conformance;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.conscrypt.Conscrypt;
import org.conscrypt.TrustManagerImpl;

/** A JSSE implementation in this JVM: ours (the one under test) and the ones it must talk to. */
enum JsseStack {
    OFFLOAD("OffloadJSSE", () -> new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader())), false),
    SUNJSSE("SunJSSE", () -> Security.getProvider("SunJSSE"), true),
    BCJSSE("Bouncy Castle JSSE", () -> new BouncyCastleJsseProvider(new BouncyCastleProvider()), true),
    /** Conscrypt has no key manager factory; SunJSSE's PKIX one hands it no key, the simple SunX509 one does. */
    CONSCRYPT("Conscrypt", Conscrypt::newProvider, false);

    private final String label;
    private final Supplier<Provider> factory;
    private final boolean ownManagers;
    private Provider provider;

    JsseStack(String label, Supplier<Provider> factory, boolean ownManagers) {
        this.label = label;
        this.factory = factory;
        this.ownManagers = ownManagers;
    }

    String label() {
        return label;
    }

    private synchronized Provider provider() {
        if (provider == null) {
            provider = factory.get();
        }
        return provider;
    }

    /** A context for {@code role} in {@code cell}: the cell's certificate on the server, the test CA trusted. */
    SSLContext context(TestPki pki, Cell cell, Role role) throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS", provider());
        KeyManager[] keys = role == Role.SERVER ? pki.initialised(keyManagerFactory(), cell.certificate()).getKeyManagers()
                : cell.check() == Check.CLIENT_AUTH ? pki.initialisedForClient(keyManagerFactory()).getKeyManagers() : null;
        context.init(keys, trustManagers(pki), null);
        return context;
    }

    /** Conscrypt's TLS 1.3 authType "GENERIC" is unknown to SunJSSE's trust manager: it gets its own. */
    private TrustManager[] trustManagers(TestPki pki) throws GeneralSecurityException, IOException {
        if (this == CONSCRYPT) {
            return new TrustManager[] {new TrustManagerImpl(pki.trustStore())};
        }
        return pki.initialised(trustManagerFactory()).getTrustManagers();
    }

    private KeyManagerFactory keyManagerFactory() throws GeneralSecurityException {
        return ownManagers ? KeyManagerFactory.getInstance("PKIX", provider())
                : KeyManagerFactory.getInstance(this == CONSCRYPT ? "SunX509" : "PKIX");
    }

    private TrustManagerFactory trustManagerFactory() throws GeneralSecurityException {
        return TrustManagerFactory.getInstance("PKIX", ownManagers ? provider() : Security.getProvider("SunJSSE"));
    }

    /**
     * The cell's settings on top of {@code parameters}: our provider is held to the cell's version
     * and suite, a peer keeps its defaults so that the negotiation is really tested.
     */
    SSLParameters configure(SSLParameters parameters, Cell cell, Role role) {
        if (this == OFFLOAD) {
            parameters.setProtocols(new String[] {cell.protocol()});
            parameters.setCipherSuites(new String[] {cell.suite()});
        }
        if (cell.check() == Check.ALPN) {
            parameters.setApplicationProtocols(role == Role.CLIENT ? Check.CLIENT_ALPN : Check.SERVER_ALPN);
        }
        if (role == Role.CLIENT) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        } else if (cell.check().serverNeedsClientAuth()) {
            parameters.setNeedClientAuth(true);
        }
        return parameters;
    }
}
