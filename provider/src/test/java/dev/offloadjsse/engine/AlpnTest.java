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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ALPN (RFC 7301) on the server under test, against a SunJSSE client; SunJSSE as the server is the oracle. */
class AlpnTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    static Stream<Provider> servers() {
        return Stream.of(OFFLOAD, SUN);
    }

    private EnginePair pair(Provider serverProvider, String[] clientProtocols) throws Exception {
        SSLEngine client = TestCertificates.context(SUN, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setApplicationProtocols(clientProtocols);
        client.setSSLParameters(parameters);
        SSLEngine server = TestCertificates.context(serverProvider, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        return new EnginePair(client, server);
    }

    @ParameterizedTest
    @MethodSource("servers")
    void applicationProtocolHasThreeStates(Provider serverProvider) throws Exception {
        EnginePair pair = pair(serverProvider, new String[] {"h2", "http/1.1"});
        SSLParameters parameters = pair.server.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        pair.server.setSSLParameters(parameters);
        assertThat(pair.server.getApplicationProtocol()).as("before the handshake").isNull();
        pair.handshake();
        assertThat(pair.server.getApplicationProtocol()).isEqualTo("http/1.1");
        assertThat(pair.client.getApplicationProtocol()).isEqualTo("http/1.1");

        EnginePair none = pair(serverProvider, new String[] {"h2"});
        none.handshake();
        assertThat(none.server.getApplicationProtocol()).as("none negotiated").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("servers")
    void selectorSeesTheClientListAndAUsableHandshakeSession(Provider serverProvider) throws Exception {
        EnginePair pair = pair(serverProvider, new String[] {"h2", "http/1.1"});
        List<String> offered = new CopyOnWriteArrayList<>();
        List<String> sessionProtocols = new CopyOnWriteArrayList<>();
        pair.server.setHandshakeApplicationProtocolSelector((engine, protocols) -> {
            offered.addAll(protocols);
            sessionProtocols.add(String.valueOf(engine.getHandshakeSession()));
            return "http/1.1";
        });
        pair.handshake();
        assertThat(offered).containsExactly("h2", "http/1.1");
        assertThat(sessionProtocols).doesNotContain("null");
        assertThat(pair.client.getApplicationProtocol()).isEqualTo("http/1.1");
    }

    @ParameterizedTest
    @MethodSource("servers")
    void selectorChoosingAProtocolTheClientDidNotOfferFailsTheHandshake(Provider serverProvider) throws Exception {
        EnginePair pair = pair(serverProvider, new String[] {"h2"});
        pair.server.setHandshakeApplicationProtocolSelector((engine, protocols) -> "spdy/3");
        // SunJSSE words it "No matching application layer protocol values"; both fail the handshake.
        assertThatThrownBy(pair::handshake).isInstanceOf(SSLHandshakeException.class);
    }
}
