package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material stays out of logs and strings; the key log is written only when asked for. */
class SecretsTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    @AfterEach
    void clear() {
        System.clearProperty("offloadjsse.keylog");
    }

    private EnginePair handshake(String protocol) throws Exception {
        SSLEngine client = TestCertificates.context(OFFLOAD, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = TestCertificates.context(SUN, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        return pair;
    }

    @Test
    void keyLogIsWrittenInNssFormatOnlyWhenEnabled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.log");
        handshake("TLSv1.3");
        assertThat(file).doesNotExist();

        System.setProperty("offloadjsse.keylog", file.toString());
        handshake("TLSv1.3");
        handshake("TLSv1.2");

        assertThat(Files.readAllLines(file)).anyMatch(line -> line.matches("CLIENT_TRAFFIC_SECRET_0 [0-9a-f]{64} [0-9a-f]{64,96}"))
                .anyMatch(line -> line.matches("SERVER_TRAFFIC_SECRET_0 [0-9a-f]{64} [0-9a-f]{64,96}"))
                .anyMatch(line -> line.matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}"));
    }

    @Test
    void closingBothWaysReleasesTheConnectionsKeys() throws Exception {
        EnginePair pair = handshake("TLSv1.3");
        pair.client.closeOutbound();
        pair.pump();
        pair.server.closeOutbound();
        pair.pump();
        assertThat(pair.client.isInboundDone()).isTrue();
        assertThat(pair.client.toString()).contains("CLOSED");
    }

    @Test
    void stringsOfEngineAndSessionShowNoSecrets() throws Exception {
        EnginePair pair = handshake("TLSv1.3");
        assertThat(pair.client.toString() + pair.client.getSession()).doesNotContainPattern("[0-9a-f]{32}");
    }
}
