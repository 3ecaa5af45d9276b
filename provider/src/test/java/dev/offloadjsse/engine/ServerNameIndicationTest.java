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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SNI (RFC 6066 §3) in each role against SunJSSE; SunJSSE in the role under test is the oracle. */
class ServerNameIndicationTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    static Stream<Provider> engines() {
        return Stream.of(OFFLOAD, SUN);
    }

    private EnginePair pair(Provider clientProvider, String host, SSLContext serverContext) throws Exception {
        SSLEngine client = TestCertificates.context(clientProvider, null, identity).createSSLEngine(host, 443);
        client.setUseClientMode(true);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        return new EnginePair(client, server);
    }

    private static List<SNIServerName> requested(SSLEngine server) {
        return ((ExtendedSSLSession) server.getSession()).getRequestedServerNames();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void clientSendsThePeerHostName(Provider clientProvider) throws Exception {
        EnginePair pair = pair(clientProvider, "server.test", TestCertificates.context(SUN, identity, identity));
        pair.handshake();
        assertThat(requested(pair.server)).containsExactly(new SNIHostName("server.test"));
    }

    /** SunJSSE sends no SNI for a name without a dot (not a fully qualified name, RFC 6066 §3). */
    @ParameterizedTest
    @MethodSource("engines")
    void clientSendsNoNameForADotlessHost(Provider clientProvider) throws Exception {
        EnginePair pair = pair(clientProvider, "localhost", TestCertificates.context(SUN, identity, identity));
        pair.handshake();
        assertThat(requested(pair.server)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void clientSendsNoNameForAnIpLiteral(Provider clientProvider) throws Exception {
        EnginePair pair = pair(clientProvider, "127.0.0.1", TestCertificates.context(SUN, identity, identity));
        pair.handshake();
        assertThat(requested(pair.server)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void serverReportsTheRequestedNamesAndAnEmptyListWithoutSni(Provider serverProvider) throws Exception {
        EnginePair named = pair(SUN, "server.test", TestCertificates.context(serverProvider, identity, identity));
        named.handshake();
        assertThat(requested(named.server)).containsExactly(new SNIHostName("server.test"));
        EnginePair unnamed = pair(SUN, "127.0.0.1", TestCertificates.context(serverProvider, identity, identity));
        unnamed.handshake();
        assertThat(requested(unnamed.server)).isNotNull().isEmpty();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anUnmatchedNameIsRefused(Provider serverProvider) throws Exception {
        EnginePair pair = pair(SUN, "server.test", TestCertificates.context(serverProvider, identity, identity));
        SSLParameters parameters = pair.server.getSSLParameters();
        parameters.setSNIMatchers(List.of(SNIHostName.createSNIMatcher("www\\.example\\.org")));
        pair.server.setSSLParameters(parameters);
        assertThatThrownBy(pair::handshake).isInstanceOf(SSLException.class).hasMessageContaining("nrecognized");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void keyManagerSeesTheRequestedNamesInTheHandshakeSession(Provider serverProvider) throws Exception {
        List<List<SNIServerName>> seen = new CopyOnWriteArrayList<>();
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(identity.keyStore(), "test".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(identity.trustStore());
        SSLContext serverContext = SSLContext.getInstance("TLS", serverProvider);
        serverContext.init(new KeyManager[] {new SniRecordingKeyManager((X509ExtendedKeyManager) keys.getKeyManagers()[0], seen)},
                trust.getTrustManagers(), null);
        pair(SUN, "server.test", serverContext).handshake();
        assertThat(seen).isNotEmpty().allSatisfy(names -> assertThat(names).containsExactly(new SNIHostName("server.test")));
    }

    private static final class SniRecordingKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        private final List<List<SNIServerName>> seen;

        SniRecordingKeyManager(X509ExtendedKeyManager delegate, List<List<SNIServerName>> seen) {
            this.delegate = delegate;
            this.seen = seen;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            seen.add(((ExtendedSSLSession) engine.getHandshakeSession()).getRequestedServerNames());
            return delegate.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
