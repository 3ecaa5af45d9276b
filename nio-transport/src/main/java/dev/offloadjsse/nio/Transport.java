package dev.offloadjsse.nio;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.offload.PooledOffloader;
import javax.net.ssl.SSLEngine;

/** What a server and a client share: the loop, the step runner, the counters and the engine setup. */
final class Transport implements AutoCloseable {

    private final EventLoop loop;
    private final HandshakeSteps steps;
    private final TransportCounters counters = new TransportCounters();
    private final TransportConfig config;
    private final HandshakeOffloader ownedOffloader;
    private final HandshakeDeadline deadlines;

    Transport(String threadName, TransportConfig config) {
        this.config = config;
        this.ownedOffloader = config.offloader() == null ? PooledOffloader.sizedToCores() : null;
        this.steps = new HandshakeSteps(ownedOffloader != null ? ownedOffloader : config.offloader());
        this.deadlines = new HandshakeDeadline(config.handshakeTimeout());
        this.loop = new EventLoop(threadName, deadlines::expire);
    }

    EventLoop loop() {
        return loop;
    }

    HandshakeSteps steps() {
        return steps;
    }

    /** Loop only. */
    HandshakeDeadline deadlines() {
        return deadlines;
    }

    TransportConfig config() {
        return config;
    }

    TransportCounters counters() {
        return counters;
    }

    /** Applies the configured setup to an engine whose mode is already set. */
    SSLEngine setUp(SSLEngine engine) {
        config.engineSetup().accept(engine);
        return engine;
    }

    @Override
    public void close() {
        loop.close();
        if (ownedOffloader != null) {
            ownedOffloader.close();
        }
    }
}
