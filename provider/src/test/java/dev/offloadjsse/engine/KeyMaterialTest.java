package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Server key material of each kind, loaded through the JDK KeyManagerFactory; SunJSSE is the client. */
class KeyMaterialTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private static final char[] PASSWORD = "test".toCharArray();

    static Stream<Arguments> keys() {
        List<Arguments> cells = new ArrayList<>();
        for (KeyType type : KeyType.values()) {
            for (String storeType : new String[] {"PKCS12", "JKS"}) {
                cells.add(Arguments.of(type, storeType, "TLSv1.3"));
            }
            if (type == KeyType.EC_P256 || type == KeyType.EC_P384 || type == KeyType.RSA_2048) {
                cells.add(Arguments.of(type, "PKCS12", "TLSv1.2"));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} in {1}, {2}")
    @MethodSource("keys")
    void serverPresentsItsCertificate(KeyType type, String storeType, String protocol) throws Exception {
        Identity identity = TestCertificates.identity(type);
        SSLContext serverContext = serverContext(storeType, identity);
        EnginePair pair = pair(TestCertificates.context(SUN, null, identity), serverContext, protocol, null);
        pair.handshake();
        assertThat(pair.client.getSession().getPeerCertificates()[0]).isEqualTo(identity.certificate());
        assertThat(pair.client.getSession().getProtocol()).isEqualTo(protocol);
    }

    /** A server holding RSA and ECDSA certificates presents the one the client can use. */
    @ParameterizedTest(name = "client accepts {0}")
    @MethodSource("dualCells")
    void serverWithTwoCertificatesPicksByWhatTheClientSupports(String suite, KeyType expected) throws Exception {
        Identity rsa = TestCertificates.identity(KeyType.RSA_2048);
        Identity ec = TestCertificates.identity(KeyType.EC_P256);
        SSLContext serverContext = serverContext("PKCS12", rsa, ec);
        SSLContext clientContext = clientTrusting(rsa, ec);
        EnginePair pair = pair(clientContext, serverContext, "TLSv1.2", suite);
        pair.handshake();
        assertThat(pair.client.getSession().getPeerCertificates()[0]).isEqualTo(TestCertificates.identity(expected).certificate());
    }

    static Stream<Arguments> dualCells() {
        return Stream.of(Arguments.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", KeyType.RSA_2048),
                Arguments.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", KeyType.EC_P256));
    }

    private static EnginePair pair(SSLContext clientContext, SSLContext serverContext, String protocol, String suite) throws Exception {
        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        if (suite != null) {
            parameters.setCipherSuites(new String[] {suite});
        }
        client.setSSLParameters(parameters);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        return new EnginePair(client, server);
    }

    private static SSLContext serverContext(String storeType, Identity... identities) throws Exception {
        KeyStore store = KeyStore.getInstance(storeType);
        store.load(null, null);
        for (int i = 0; i < identities.length; i++) {
            store.setKeyEntry("key" + i, identities[i].key(), PASSWORD, new X509Certificate[] {identities[i].certificate()});
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        store.store(file, PASSWORD);
        KeyStore loaded = KeyStore.getInstance(storeType);
        loaded.load(new ByteArrayInputStream(file.toByteArray()), PASSWORD);
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(loaded, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS", OFFLOAD);
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientTrusting(Identity... identities) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (int i = 0; i < identities.length; i++) {
            trusted.setCertificateEntry("ca" + i, identities[i].certificate());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS", SUN);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
