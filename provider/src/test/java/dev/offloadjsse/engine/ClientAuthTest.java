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
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client authentication (need/want) for each version with our engine as client or server and
 * SunJSSE as the peer; SunJSSE against itself is the oracle.
 */
class ClientAuthTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity server = TestCertificates.identity(KeyType.EC_P256);
    private final Identity client = TestCertificates.identity(KeyType.RSA_2048);

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            cells.add(Arguments.of(OFFLOAD, SUN, protocol));
            cells.add(Arguments.of(SUN, OFFLOAD, protocol));
            cells.add(Arguments.of(SUN, SUN, protocol));
        }
        return cells.stream();
    }

    private EnginePair pair(Provider clientProvider, Provider serverProvider, String protocol, Identity clientKey,
            boolean need) throws Exception {
        SSLEngine clientEngine = TestCertificates.context(clientProvider, clientKey, server).createSSLEngine("localhost", 443);
        clientEngine.setUseClientMode(true);
        clientEngine.setEnabledProtocols(new String[] {protocol});
        SSLEngine serverEngine = TestCertificates.context(serverProvider, server, client).createSSLEngine();
        serverEngine.setUseClientMode(false);
        if (need) {
            serverEngine.setNeedClientAuth(true);
        } else {
            serverEngine.setWantClientAuth(true);
        }
        return new EnginePair(clientEngine, serverEngine);
    }

    @ParameterizedTest(name = "client {0}, server {1}, {2}")
    @MethodSource("cells")
    void neededCertificateIsSentAndChecked(Provider clientProvider, Provider serverProvider, String protocol) throws Exception {
        EnginePair pair = pair(clientProvider, serverProvider, protocol, client, true);
        pair.handshake();
        assertThat(pair.server.getSession().getPeerCertificates()[0]).isEqualTo(client.certificate());
        assertThat(pair.client.getSession().getLocalCertificates()[0]).isEqualTo(client.certificate());
    }

    @ParameterizedTest(name = "client {0}, server {1}, {2}")
    @MethodSource("cells")
    void neededButMissingCertificateFailsTheHandshake(Provider clientProvider, Provider serverProvider, String protocol) throws Exception {
        EnginePair pair = pair(clientProvider, serverProvider, protocol, null, true);
        assertThatThrownBy(pair::handshake).isInstanceOf(SSLException.class);
    }

    @ParameterizedTest(name = "client {0}, server {1}, {2}")
    @MethodSource("cells")
    void wantedButMissingCertificateLeavesThePeerUnverified(Provider clientProvider, Provider serverProvider, String protocol) throws Exception {
        EnginePair pair = pair(clientProvider, serverProvider, protocol, null, false);
        pair.handshake();
        assertThatThrownBy(() -> pair.server.getSession().getPeerCertificates()).isInstanceOf(SSLPeerUnverifiedException.class);
    }

    @ParameterizedTest(name = "client {0}, server {1}, {2}")
    @MethodSource("cells")
    void untrustedClientCertificateFailsTheHandshake(Provider clientProvider, Provider serverProvider, String protocol) throws Exception {
        EnginePair pair = pair(clientProvider, serverProvider, protocol, TestCertificates.identity(KeyType.ED25519), true);
        assertThatThrownBy(pair::handshake).isInstanceOf(SSLException.class);
    }
}
