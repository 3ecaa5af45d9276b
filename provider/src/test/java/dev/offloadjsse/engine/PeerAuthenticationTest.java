package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How the client authenticates the server; each assertion also runs with SunJSSE as the client. */
class PeerAuthenticationTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    static Stream<Provider> clients() {
        return Stream.of(OFFLOAD, SUN);
    }

    private EnginePair pair(Provider clientProvider, String peerHost, SSLContext serverContext) throws Exception {
        SSLEngine client = TestCertificates.context(clientProvider, null, identity).createSSLEngine(peerHost, 443);
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        return new EnginePair(client, server);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void httpsEndpointIdentificationAcceptsTheCertifiedHostName(Provider clientProvider) throws Exception {
        EnginePair pair = pair(clientProvider, "localhost", TestCertificates.context(SUN, identity, identity));
        pair.handshake();
        assertThat(pair.client.getSession().getPeerHost()).isEqualTo("localhost");
    }

    @ParameterizedTest
    @MethodSource("clients")
    void httpsEndpointIdentificationRefusesAnotherHostName(Provider clientProvider) throws Exception {
        EnginePair pair = pair(clientProvider, "www.example.org", TestCertificates.context(SUN, identity, identity));
        assertThatThrownBy(pair::handshake).isInstanceOf(SSLHandshakeException.class);
    }

    /** A plain X509KeyManager (not the extended form) is adapted: the server still finds its key. */
    @ParameterizedTest
    @MethodSource("clients")
    void serverWithAPlainKeyManagerIsReached(Provider clientProvider) throws Exception {
        SSLContext serverContext = SSLContext.getInstance("TLS", OFFLOAD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(identity.trustStore());
        serverContext.init(new KeyManager[] {new PlainKeyManager(identity)}, trust.getTrustManagers(), null);
        EnginePair pair = pair(clientProvider, "localhost", serverContext);
        pair.handshake();
        assertThat(pair.client.getSession().getPeerCertificates()[0]).isEqualTo(identity.certificate());
    }

    private record PlainKeyManager(Identity identity) implements X509KeyManager {
        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"server"};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return "EC".equals(keyType) ? "server" : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {identity.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return identity.key();
        }
    }
}
