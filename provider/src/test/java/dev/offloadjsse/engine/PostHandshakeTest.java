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
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** What the record layer does after the handshake, with SunJSSE as the peer. */
class PostHandshakeTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    private EnginePair established() throws Exception {
        SSLEngine client = TestCertificates.context(OFFLOAD, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = TestCertificates.context(SUN, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        return pair;
    }

    /** SSLParameters.setMaximumPacketSize: no record on the wire is larger. */
    @Test
    void recordsRespectTheMaximumPacketSize() throws Exception {
        EnginePair pair = established();
        SSLParameters parameters = pair.client.getSSLParameters();
        parameters.setMaximumPacketSize(1000);
        pair.client.setSSLParameters(parameters);
        ByteBuffer data = ByteBuffer.allocate(10_000);
        while (data.hasRemaining()) {
            ByteBuffer wire = ByteBuffer.allocate(pair.client.getSession().getPacketBufferSize());
            SSLEngineResult result = pair.client.wrap(data, wire);
            assertThat(result.bytesProduced()).isPositive().isLessThanOrEqualTo(1000);
        }
    }
}
