package dev.offloadjsse.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our engine seals application data straight from the caller's source buffer into its
 * destination; these pin that it does so for every layout of the two the SSLEngine API allows:
 * heap and direct in each combination, read-only sources, sources gathered from several
 * buffers, and source and destination sharing memory (overlapping either way, or exactly in
 * place). The oracle is SunJSSE at the other end, which must open each record to the bytes
 * written; and the result's byte counts and the buffers' positions, as SSLEngine's javadoc
 * states them.
 */
class BufferLayoutInteropTest {

    private static final int[] SIZES = {1, 15, 16, 17, 1000, 16_383, 16_384, 20_000};
    private static final int ROOM = 3 * 17 * 1024 + 64;

    enum Layout {
        HEAP_TO_HEAP, DIRECT_TO_DIRECT, HEAP_TO_DIRECT, DIRECT_TO_HEAP, READ_ONLY_HEAP, READ_ONLY_DIRECT,
        /** Plaintext a few bytes after the record's start, in the same array: overlapping, source ahead. */
        SHARED_HEAP_SOURCE_AHEAD,
        /** Plaintext a few bytes before the record's start: overlapping, destination ahead. */
        SHARED_HEAP_SOURCE_BEHIND,
        /** Plaintext exactly where the record's plaintext goes (sealing in place). */
        SHARED_HEAP_IN_PLACE,
        SHARED_DIRECT_SOURCE_AHEAD, SHARED_DIRECT_SOURCE_BEHIND, SHARED_DIRECT_IN_PLACE,
        /** Sources gathered from several heap buffers (an empty one first). */
        GATHERED
    }

    static Stream<Arguments> cells() {
        String[][] suites = {
            {"TLSv1.3", "TLS_AES_128_GCM_SHA256"},
            {"TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256"},
            {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
            {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
        };
        List<Arguments> cells = new ArrayList<>();
        for (String[] suite : suites) {
            for (Layout layout : Layout.values()) {
                cells.add(Arguments.of(suite[0], suite[1], layout));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    void wrapSealsWhatSunJsseOpensForEveryBufferLayout(String protocol, String suite, Layout layout) throws Exception {
        Identity identity = TestCertificates.identity(KeyType.EC_P256);
        SSLEngine client = TestCertificates.context(SunJsseInteropTest.OFFLOAD, null, identity)
                .createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        client.setEnabledCipherSuites(new String[] {suite});
        SSLContext serverContext = TestCertificates.context(SunJsseInteropTest.SUN, identity, identity);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        new EnginePair(client, server).handshake();

        ByteBuffer opened = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        for (int size : SIZES) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            Wrapped wrapped = wrap(client, layout, data);
            int expected = Math.min(size, 16_384);
            String what = layout + ", " + size + " bytes";
            assertThat(wrapped.result.getStatus()).as(what).isEqualTo(Status.OK);
            assertThat(wrapped.result.bytesConsumed()).as("bytesConsumed, " + what).isEqualTo(expected);
            assertThat(wrapped.consumed).as("source positions, " + what).isEqualTo(expected);
            assertThat(wrapped.record.length).as("bytesProduced, " + what).isEqualTo(wrapped.result.bytesProduced());

            opened.clear();
            SSLEngineResult unwrapped = server.unwrap(ByteBuffer.wrap(wrapped.record), opened);
            assertThat(unwrapped.getStatus()).as("SunJSSE unwrap, " + what).isEqualTo(Status.OK);
            assertThat(unwrapped.bytesConsumed()).as("SunJSSE consumed, " + what).isEqualTo(wrapped.record.length);
            opened.flip();
            byte[] plaintext = new byte[opened.remaining()];
            opened.get(plaintext);
            assertThat(plaintext).as("opened by SunJSSE, " + what).isEqualTo(Arrays.copyOf(data, expected));
        }
    }

    enum InLayout {
        HEAP_TO_HEAP, DIRECT_TO_DIRECT, HEAP_TO_DIRECT, DIRECT_TO_HEAP, READ_ONLY_HEAP, READ_ONLY_DIRECT,
        /** The plaintext written over the record, from the record's first byte (opening in place). */
        SHARED_HEAP_IN_PLACE, SHARED_DIRECT_IN_PLACE,
        /** The plaintext scattered over several heap buffers, each too small for it. */
        SCATTERED
    }

    static Stream<Arguments> inCells() {
        return cells().map(Arguments::get).filter(cell -> cell[2] == Layout.HEAP_TO_HEAP)
                .flatMap(cell -> Stream.of(InLayout.values()).map(layout -> Arguments.of(cell[0], cell[1], layout)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("inCells")
    void unwrapOpensWhatSunJsseSealsForEveryBufferLayout(String protocol, String suite, InLayout layout) throws Exception {
        Identity identity = TestCertificates.identity(KeyType.EC_P256);
        SSLEngine client = TestCertificates.context(SunJsseInteropTest.SUN, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        client.setEnabledCipherSuites(new String[] {suite});
        SSLEngine server = TestCertificates.context(SunJsseInteropTest.OFFLOAD, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        new EnginePair(client, server).handshake();

        for (int size : SIZES) {
            byte[] data = new byte[Math.min(size, 16_384)];
            new Random(size).nextBytes(data);
            String what = layout + ", " + data.length + " bytes";
            // SunJSSE may split a write into several records; each is opened on its own.
            ByteBuffer plaintext = ByteBuffer.wrap(data);
            java.io.ByteArrayOutputStream opened = new java.io.ByteArrayOutputStream();
            while (plaintext.hasRemaining()) {
                ByteBuffer wire = ByteBuffer.allocate(ROOM);
                assertThat(client.wrap(plaintext, wire).getStatus()).isEqualTo(Status.OK);
                wire.flip();
                byte[] record = new byte[wire.remaining()];
                wire.get(record);
                opened.write(unwrap(server, layout, record, what));
            }
            assertThat(opened.toByteArray()).as("opened, " + what).isEqualTo(data);
        }
    }

    /** Unwraps {@code record} as {@code layout} places it; checks the counts and positions, returns the plaintext. */
    private static byte[] unwrap(SSLEngine engine, InLayout layout, byte[] record, String what) throws Exception {
        ByteBuffer src;
        ByteBuffer[] dsts;
        switch (layout) {
            case HEAP_TO_HEAP:
                src = ByteBuffer.wrap(record);
                dsts = new ByteBuffer[] {ByteBuffer.allocate(ROOM)};
                break;
            case DIRECT_TO_DIRECT:
                src = direct(record);
                dsts = new ByteBuffer[] {ByteBuffer.allocateDirect(ROOM)};
                break;
            case HEAP_TO_DIRECT:
                src = ByteBuffer.wrap(record);
                dsts = new ByteBuffer[] {ByteBuffer.allocateDirect(ROOM)};
                break;
            case DIRECT_TO_HEAP:
                src = direct(record);
                dsts = new ByteBuffer[] {ByteBuffer.allocate(ROOM)};
                break;
            case READ_ONLY_HEAP:
                src = ByteBuffer.wrap(record).asReadOnlyBuffer();
                dsts = new ByteBuffer[] {ByteBuffer.allocate(ROOM)};
                break;
            case READ_ONLY_DIRECT:
                src = direct(record).asReadOnlyBuffer();
                dsts = new ByteBuffer[] {ByteBuffer.allocateDirect(ROOM)};
                break;
            case SHARED_HEAP_IN_PLACE:
            case SHARED_DIRECT_IN_PLACE:
                ByteBuffer memory = layout == InLayout.SHARED_HEAP_IN_PLACE ? ByteBuffer.allocate(ROOM)
                        : ByteBuffer.allocateDirect(ROOM);
                memory.put(7, record);
                src = memory.duplicate().limit(7 + record.length).position(7);
                dsts = new ByteBuffer[] {memory.duplicate().position(7)};
                break;
            case SCATTERED:
                src = ByteBuffer.wrap(record);
                int part = Math.max(1, record.length / 3);
                dsts = new ByteBuffer[] {ByteBuffer.allocate(0), ByteBuffer.allocate(part), ByteBuffer.allocate(part),
                    ByteBuffer.allocate(ROOM)};
                break;
            default:
                throw new AssertionError(layout);
        }
        int srcStart = src.position();
        int[] dstStarts = Arrays.stream(dsts).mapToInt(ByteBuffer::position).toArray();
        SSLEngineResult result = engine.unwrap(src, dsts);
        assertThat(result.getStatus()).as(what).isEqualTo(Status.OK);
        assertThat(result.bytesConsumed()).as("bytesConsumed, " + what).isEqualTo(record.length);
        assertThat(src.position() - srcStart).as("source position, " + what).isEqualTo(record.length);
        java.io.ByteArrayOutputStream plaintext = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < dsts.length; i++) {
            ByteBuffer written = dsts[i].duplicate();
            written.limit(dsts[i].position()).position(dstStarts[i]);
            byte[] bytes = new byte[written.remaining()];
            written.get(bytes);
            plaintext.write(bytes);
        }
        assertThat(plaintext.size()).as("bytesProduced, " + what).isEqualTo(result.bytesProduced());
        return plaintext.toByteArray();
    }

    private static final class Wrapped {
        final SSLEngineResult result;
        final byte[] record;
        final int consumed;

        Wrapped(SSLEngineResult result, byte[] record, int consumed) {
            this.result = result;
            this.record = record;
            this.consumed = consumed;
        }
    }

    /** Wraps {@code data} as {@code layout} places it; returns the result, the record and the source bytes consumed. */
    private static Wrapped wrap(SSLEngine engine, Layout layout, byte[] data) throws Exception {
        switch (layout) {
            case HEAP_TO_HEAP:
                return wrapSeparate(engine, ByteBuffer.wrap(data), ByteBuffer.allocate(ROOM));
            case DIRECT_TO_DIRECT:
                return wrapSeparate(engine, direct(data), ByteBuffer.allocateDirect(ROOM));
            case HEAP_TO_DIRECT:
                return wrapSeparate(engine, ByteBuffer.wrap(data), ByteBuffer.allocateDirect(ROOM));
            case DIRECT_TO_HEAP:
                return wrapSeparate(engine, direct(data), ByteBuffer.allocate(ROOM));
            case READ_ONLY_HEAP:
                return wrapSeparate(engine, ByteBuffer.wrap(data).asReadOnlyBuffer(), ByteBuffer.allocate(ROOM));
            case READ_ONLY_DIRECT:
                return wrapSeparate(engine, direct(data).asReadOnlyBuffer(), ByteBuffer.allocateDirect(ROOM));
            case SHARED_HEAP_SOURCE_AHEAD:
                return wrapShared(engine, ByteBuffer.allocate(ROOM), data, 3);
            case SHARED_HEAP_SOURCE_BEHIND:
                return wrapShared(engine, ByteBuffer.allocate(ROOM), data, -3);
            case SHARED_HEAP_IN_PLACE:
                return wrapShared(engine, ByteBuffer.allocate(ROOM), data, plaintextOffset(engine));
            case SHARED_DIRECT_SOURCE_AHEAD:
                return wrapShared(engine, ByteBuffer.allocateDirect(ROOM), data, 3);
            case SHARED_DIRECT_SOURCE_BEHIND:
                return wrapShared(engine, ByteBuffer.allocateDirect(ROOM), data, -3);
            case SHARED_DIRECT_IN_PLACE:
                return wrapShared(engine, ByteBuffer.allocateDirect(ROOM), data, plaintextOffset(engine));
            case GATHERED:
                return wrapGathered(engine, data);
            default:
                throw new AssertionError(layout);
        }
    }

    /** Header, and TLS 1.2 AES-GCM's explicit nonce: where the plaintext of a record begins. */
    private static int plaintextOffset(SSLEngine engine) {
        String suite = engine.getSession().getCipherSuite();
        return engine.getSession().getProtocol().equals("TLSv1.2") && suite.contains("_GCM_") ? 5 + 8 : 5;
    }

    private static ByteBuffer direct(byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(data.length);
        buffer.put(data).flip();
        return buffer;
    }

    private static Wrapped wrapSeparate(SSLEngine engine, ByteBuffer src, ByteBuffer dst) throws Exception {
        int srcStart = src.position();
        SSLEngineResult result = engine.wrap(src, dst);
        return new Wrapped(result, produced(dst, 0), src.position() - srcStart);
    }

    /** Plaintext at {@code recordAt + shift} in one buffer, the record at {@code recordAt}. */
    private static Wrapped wrapShared(SSLEngine engine, ByteBuffer memory, byte[] data, int shift) throws Exception {
        int recordAt = 16;
        memory.position(recordAt + shift);
        memory.put(data);
        ByteBuffer src = memory.duplicate();
        src.limit(recordAt + shift + data.length).position(recordAt + shift);
        ByteBuffer dst = memory.duplicate();
        dst.clear().position(recordAt);
        SSLEngineResult result = engine.wrap(src, dst);
        return new Wrapped(result, produced(dst, recordAt), src.position() - (recordAt + shift));
    }

    private static Wrapped wrapGathered(SSLEngine engine, byte[] data) throws Exception {
        int third = data.length / 3;
        ByteBuffer[] srcs = {
            ByteBuffer.allocate(0),
            ByteBuffer.wrap(data, 0, third).slice(),
            ByteBuffer.wrap(data, third, third).slice(),
            ByteBuffer.wrap(data, 2 * third, data.length - 2 * third).slice(),
        };
        ByteBuffer dst = ByteBuffer.allocate(ROOM);
        SSLEngineResult result = engine.wrap(srcs, dst);
        int consumed = 0;
        for (ByteBuffer src : srcs) {
            consumed += src.position();
        }
        return new Wrapped(result, produced(dst, 0), consumed);
    }

    private static byte[] produced(ByteBuffer dst, int from) {
        ByteBuffer record = dst.duplicate();
        record.limit(dst.position()).position(from);
        byte[] bytes = new byte[record.remaining()];
        record.get(bytes);
        return bytes;
    }
}
