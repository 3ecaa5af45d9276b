package dev.offloadjsse.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our engine against SunJSSE's, in memory, in each role, for each suite we offer and ECDSA and
 * RSA certificates: the handshake, data both ways at the record-size edges, a TLS 1.3 KeyUpdate
 * started by SunJSSE, and close.
 */
class SunJsseInteropTest {

    static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));

    static final Provider SUN = java.security.Security.getProvider("SunJSSE");

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        String[][] suites = {
            {"TLSv1.3", "TLS_AES_128_GCM_SHA256", null},
            {"TLSv1.3", "TLS_AES_256_GCM_SHA384", null},
            {"TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256", null},
            {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "EC_P256"},
            {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "EC_P256"},
            {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "EC_P256"},
            {"TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "RSA_2048"},
            {"TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "RSA_2048"},
            {"TLSv1.2", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "RSA_2048"},
        };
        for (boolean offloadIsClient : new boolean[] {true, false}) {
            for (String[] suite : suites) {
                for (KeyType keyType : new KeyType[] {KeyType.EC_P256, KeyType.RSA_2048}) {
                    if (suite[2] == null || suite[2].equals(keyType.name())) {
                        cells.add(Arguments.of(offloadIsClient ? "offload-client" : "offload-server", suite[0], suite[1], keyType));
                    }
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cells")
    void handshakeDataKeyUpdateAndClose(String role, String protocol, String suite, KeyType keyType) throws Exception {
        boolean offloadIsClient = role.equals("offload-client");
        Identity identity = TestCertificates.identity(keyType);
        SSLContext clientContext = TestCertificates.context(offloadIsClient ? OFFLOAD : SUN, null, identity);
        SSLContext serverContext = TestCertificates.context(offloadIsClient ? SUN : OFFLOAD, identity, identity);
        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        client.setEnabledCipherSuites(new String[] {suite});
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);

        pair.handshake();

        String negotiated = "negotiated " + client.getSession().getProtocol() + " " + client.getSession().getCipherSuite();
        assertThat(client.getSession().getProtocol()).as(negotiated).isEqualTo(protocol);
        assertThat(server.getSession().getCipherSuite()).as(negotiated).isEqualTo(suite);
        assertThat(EnginePair.count(pair.clientResults, HandshakeStatus.FINISHED)).as("client FINISHED count").isEqualTo(1);
        assertThat(EnginePair.count(pair.serverResults, HandshakeStatus.FINISHED)).as("server FINISHED count").isEqualTo(1);
        assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(identity.certificate());

        for (int size : new int[] {0, 1, 16_384, 16_385, 1 << 20}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            assertThat(pair.send(client, data)).as("%d bytes client to server, %s", size, negotiated).isEqualTo(data);
            assertThat(pair.send(server, data)).as("%d bytes server to client, %s", size, negotiated).isEqualTo(data);
        }

        if (protocol.equals("TLSv1.3")) {
            SSLEngine sun = offloadIsClient ? server : client;
            sun.beginHandshake();
            pair.pump();
            byte[] after = "after key update".getBytes();
            assertThat(pair.send(client, after)).as("client data after KeyUpdate").isEqualTo(after);
            assertThat(pair.send(server, after)).as("server data after KeyUpdate").isEqualTo(after);
        }

        client.closeOutbound();
        pair.pump();
        server.closeOutbound();
        pair.pump();
        assertThat(server.isInboundDone()).as("server received close_notify").isTrue();
        assertThat(client.isInboundDone()).as("client received close_notify").isTrue();
        assertThat(client.isOutboundDone()).isTrue();
        assertThat(server.isOutboundDone()).isTrue();
    }
}
