package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code jdk.tls.namedGroups} is honoured by contexts initialised while it is set. */
class NamedGroupsTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    @AfterEach
    void clearProperty() {
        System.clearProperty("jdk.tls.namedGroups");
    }

    private SSLContext offloadContext(String groups, Identity key) throws Exception {
        System.setProperty("jdk.tls.namedGroups", groups);
        try {
            return TestCertificates.context(OFFLOAD, key, identity);
        } finally {
            System.clearProperty("jdk.tls.namedGroups");
        }
    }

    /** RFC 8446 §4.1.4: the client's key shares (x25519, secp256r1) miss the server's only group: HelloRetryRequest. */
    @Test
    void serverLimitedToAGroupWithoutAClientShareAsksForARetry() throws Exception {
        SSLEngine client = TestCertificates.context(SUN, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = offloadContext("secp384r1", identity).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        long clientHandshakeRecords = pair.clientResults.stream().filter(r -> r.bytesProduced() > 0).count();
        assertThat(clientHandshakeRecords).as("ClientHello, CCS, second ClientHello, Finished").isGreaterThanOrEqualTo(4);
        assertThat(pair.send(client, new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
    }

    /** testssl.sh rated the server MEDIUM for taking sect163k1 and the like; RFC 8422 §5.1.1 deprecates them. */
    @Test
    void tls12ServerRefusesADeprecatedCurve() throws Exception {
        SSLEngine client = offloadContext("secp256k1", null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        SSLEngine server = TestCertificates.context(OFFLOAD, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        org.assertj.core.api.Assertions.assertThatThrownBy(new EnginePair(client, server)::handshake)
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void clientOffersOnlyTheConfiguredGroups() throws Exception {
        SSLEngine client = offloadContext("secp384r1", null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        ByteBuffer hello = ByteBuffer.allocate(1 << 15);
        client.beginHandshake();
        client.getDelegatedTask().run();
        SSLEngineResult result = client.wrap(ByteBuffer.allocate(0), hello);
        assertThat(result.bytesProduced()).isPositive();
        hello.flip();
        byte[] bytes = new byte[hello.remaining()];
        hello.get(bytes);
        assertThat(indexOf(bytes, new byte[] {0, 10, 0, 4, 0, 2, 0, 24})).as("supported_groups = [secp384r1]").isPositive();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
