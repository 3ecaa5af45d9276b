package dev.offloadjsse.nio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.PooledOffloader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With the provider's engine the transport uses runDelegatedTaskAsync, not its own pool. */
class OffloadEngineStepsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void runsTheStepsOfAnOffloadEngineOnTheEnginesOwnOffloader() throws Exception {
        try (PooledOffloader engineOffloader = new PooledOffloader(1, 64);
                PooledOffloader transportPool = new PooledOffloader(1, 64);
                TlsServer server = TlsServer.start(
                        TestTls.serverContext(new OffloadJsseProvider(OffloadConfig.withOffloader(engineOffloader))),
                        TlsServer.loopback(0), EchoHandler::new, TransportConfig.defaults().withOffloader(transportPool));
                TlsClient client = TlsClient.open(TestTls.clientContext(), TransportConfig.defaults())) {
            CollectingHandler received = new CollectingHandler();
            TlsConnection connection = client.connect(server.localAddress(), "localhost", received)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            connection.write(ByteBuffer.wrap("offloaded".getBytes(UTF_8)));

            assertThat(new String(received.await(9, TIMEOUT), UTF_8)).isEqualTo("offloaded");
            assertThat(server.stats().handshakesOffloaded()).isEqualTo(1);
            assertThat(engineOffloader.stats().submitted()).isEqualTo(server.stats().handshakeSteps()).isPositive();
            assertThat(transportPool.stats().submitted()).isZero();
        }
    }
}
