package dev.offloadjsse.engine;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/** Gathering and scattering across the buffer arrays of the SSLEngine API. */
final class Buffers {

    private Buffers() {
    }

    static long remaining(ByteBuffer[] buffers, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += buffers[i].remaining();
        }
        return total;
    }

    /**
     * The buffer that holds all of the next {@code count} bytes of {@code srcs}, or null when they
     * span several buffers (and must be gathered).
     */
    static ByteBuffer holding(ByteBuffer[] srcs, int offset, int length, int count) {
        for (int i = offset; i < offset + length; i++) {
            int remaining = srcs[i].remaining();
            if (remaining > 0) {
                return remaining >= count ? srcs[i] : null;
            }
        }
        return null;
    }

    /** Copies {@code count} bytes from {@code srcs} (advancing them) to {@code dst} at absolute {@code index}. */
    static void gather(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst, int index, int count) {
        for (int i = offset; i < offset + length && count > 0; i++) {
            ByteBuffer src = srcs[i];
            int n = Math.min(src.remaining(), count);
            dst.put(index, src, src.position(), n);
            src.position(src.position() + n);
            index += n;
            count -= n;
        }
    }

    /** Copies all of {@code src} into {@code dsts} in order; the caller has checked there is room. */
    static void scatter(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
        for (int i = offset; i < offset + length && src.hasRemaining(); i++) {
            ByteBuffer dst = dsts[i];
            int n = Math.min(src.remaining(), dst.remaining());
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + n);
            dst.put(part);
            src.position(src.position() + n);
        }
    }

    static void checkDestination(ByteBuffer dst) {
        if (dst == null) {
            throw new IllegalArgumentException("Destination buffer is null");
        }
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
    }

    static void checkArguments(ByteBuffer[] buffers, int offset, int length, boolean writable, String what) {
        if (buffers == null) {
            throw new IllegalArgumentException(what + " buffer array is null");
        }
        if (offset < 0 || length < 0 || offset > buffers.length - length) {
            throw new IndexOutOfBoundsException(what + " offset " + offset + " and length " + length
                    + " do not fit an array of " + buffers.length);
        }
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i] == null) {
                throw new IllegalArgumentException(what + " buffer " + i + " is null");
            }
            if (writable && buffers[i].isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
        }
    }
}
