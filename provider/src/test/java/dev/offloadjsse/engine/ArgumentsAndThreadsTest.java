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
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.security.Provider;
import java.security.Security;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Argument checks of the SSLEngine javadoc and wrap/unwrap from two threads, on both engines. */
class ArgumentsAndThreadsTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    static Stream<Provider> engines() {
        return Stream.of(OFFLOAD, SUN);
    }

    private EnginePair established(Provider underTest) throws Exception {
        SSLEngine client = TestCertificates.context(underTest, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = TestCertificates.context(SUN, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        return pair;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void nullAndReadOnlyBuffersAreRefused(Provider underTest) throws Exception {
        EnginePair pair = established(underTest);
        SSLEngine engine = pair.client;
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        assertThatThrownBy(() -> engine.wrap((ByteBuffer) null, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.wrap(ByteBuffer.allocate(1), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.unwrap(null, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.wrap(ByteBuffer.allocate(1), out.asReadOnlyBuffer())).isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> engine.unwrap(ByteBuffer.allocate(1), out.asReadOnlyBuffer())).isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> engine.wrap(new ByteBuffer[] {ByteBuffer.allocate(1)}, 1, 1, out)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> engine.unwrap(ByteBuffer.allocate(1), new ByteBuffer[] {out}, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void gatheringWrapAndScatteringUnwrapKeepTheBytesInOrder(Provider underTest) throws Exception {
        EnginePair pair = established(underTest);
        ByteBuffer[] sources = {ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3}), ByteBuffer.wrap(new byte[] {4, 5, 6})};
        ByteBuffer wire = ByteBuffer.allocate(pair.client.getSession().getPacketBufferSize());
        SSLEngineResult wrapped = pair.client.wrap(sources, wire);
        assertThat(wrapped.bytesConsumed()).isEqualTo(6);
        wire.flip();
        ByteBuffer first = ByteBuffer.allocate(pair.server.getSession().getApplicationBufferSize());
        SSLEngineResult unwrapped = pair.server.unwrap(wire, new ByteBuffer[] {first});
        assertThat(unwrapped.bytesProduced()).isEqualTo(6);
        assertThat(java.util.Arrays.copyOf(first.array(), 6)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    /** The javadoc allows wrap and unwrap to run concurrently from different threads. */
    @ParameterizedTest
    @MethodSource("engines")
    void wrapAndUnwrapFromTwoThreads(Provider underTest) throws Exception {
        EnginePair pair = established(underTest);
        int records = 2000;
        ByteBuffer incoming = ByteBuffer.allocate(records * 64);
        for (int i = 0; i < records; i++) {
            pair.server.wrap(ByteBuffer.wrap(new byte[] {(byte) i, (byte) (i >> 8)}), incoming);
        }
        incoming.flip();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> writer = threads.submit(() -> {
                ByteBuffer out = ByteBuffer.allocate(pair.client.getSession().getPacketBufferSize());
                int written = 0;
                for (int i = 0; i < records; i++) {
                    out.clear();
                    written += pair.client.wrap(ByteBuffer.wrap(new byte[] {1, 2, 3}), out).bytesConsumed();
                }
                return written;
            });
            Future<Integer> reader = threads.submit(() -> {
                ByteBuffer plaintext = ByteBuffer.allocate(pair.client.getSession().getApplicationBufferSize());
                int expected = 0;
                while (incoming.hasRemaining()) {
                    plaintext.clear();
                    pair.client.unwrap(incoming, plaintext);
                    assertThat(plaintext.position()).isEqualTo(2);
                    assertThat((plaintext.get(0) & 0xff) | (plaintext.get(1) & 0xff) << 8).isEqualTo(expected++ & 0xffff);
                }
                return expected;
            });
            assertThat(writer.get(60, TimeUnit.SECONDS)).isEqualTo(3 * records);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(records);
        } finally {
            threads.shutdownNow();
        }
    }
}
