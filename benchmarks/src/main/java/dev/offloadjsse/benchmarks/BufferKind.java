package dev.offloadjsse.benchmarks;

import java.nio.ByteBuffer;

/** Where the application and network buffers handed to the engines live. */
public enum BufferKind {
    HEAP {
        @Override
        ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocate(capacity);
        }
    },
    DIRECT {
        @Override
        ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocateDirect(capacity);
        }
    };

    abstract ByteBuffer allocate(int capacity);
}
