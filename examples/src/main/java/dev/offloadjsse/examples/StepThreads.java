package dev.offloadjsse.examples;

import dev.offloadjsse.handshake.HandshakeFailedException;
import dev.offloadjsse.handshake.HandshakeStep;
import dev.offloadjsse.handshake.Handshaker;
import dev.offloadjsse.handshake.HandshakerFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Measures on which thread each handshake step runs, whoever runs it: wraps the provider's
 * handshake component, so it sees the step from inside, both when the framework runs the engine's
 * delegated task itself and when the task goes to the offloader.
 *
 * <p>A thread is named by its name with the numbers replaced by {@code N}
 * ({@code qtp123-45} becomes {@code qtpN-N}). A step counts as "on an I/O thread" when the
 * thread's stack shows the framework's selector or event loop under the step (the frames in
 * {@link #IO_FRAMES}): for Jetty that is its selector producing and then running the task itself
 * ("execute-produce-consume"), for Netty the event loop, for Tomcat the poller.
 */
final class StepThreads {

    /** Frames that mean: this thread is (or was, in this very call) the framework's I/O thread. */
    static final Map<String, String> IO_FRAMES = Map.of(
            "org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy.tryProduce", "jetty-selector",
            "org.eclipse.jetty.io.ManagedSelector$SelectorProducer.produce", "jetty-selector",
            "io.netty.util.concurrent.SingleThreadEventExecutor$4.run", "netty-event-loop",
            "io.netty.channel.SingleThreadIoEventLoop.run", "netty-event-loop",
            "org.apache.tomcat.util.net.NioEndpoint$Poller.run", "tomcat-poller",
            "dev.offloadjsse.nio.EventLoop.run", "nio-transport-loop");

    private static final Pattern NUMBERS = Pattern.compile("\\d+");

    private final Map<String, LongAdder> byThread = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byIoFrame = new ConcurrentHashMap<>();
    private final LongAdder steps = new LongAdder();
    private final LongAdder handshakes = new LongAdder();

    /** The handshake component {@code delegate}, with every step recorded here. */
    HandshakerFactory recording(HandshakerFactory delegate) {
        return request -> {
            handshakes.increment();
            Handshaker handshaker = delegate.create(request);
            return new Handshaker() {
                @Override
                public HandshakeStep step(List<byte[]> records) throws HandshakeFailedException {
                    record(Thread.currentThread());
                    return handshaker.step(records);
                }

                @Override
                public void close() {
                    handshaker.close();
                }
            };
        };
    }

    private void record(Thread thread) {
        steps.increment();
        byThread.computeIfAbsent(NUMBERS.matcher(thread.getName()).replaceAll("N"), name -> new LongAdder()).increment();
        Set<String> ioThreads = StackWalker.getInstance().walk(frames -> frames
                .map(frame -> IO_FRAMES.get(frame.getClassName() + "." + frame.getMethodName()))
                .filter(kind -> kind != null)
                .collect(Collectors.toSet()));
        ioThreads.forEach(kind -> byIoFrame.computeIfAbsent(kind, k -> new LongAdder()).increment());
    }

    /** Steps run so far. */
    long steps() {
        return steps.sum();
    }

    /**
     * {@code {"handshakes":H,"steps":S,"threads":{"qtpN-N":S1,...},"onIoThread":{"jetty-selector":S2}}}:
     * where the steps ran, counted since the server started.
     */
    JsonObject toJson() {
        JsonObject threads = new JsonObject();
        new TreeMap<>(byThread).forEach((name, count) -> threads.put(name, count.sum()));
        JsonObject io = new JsonObject();
        new TreeMap<>(byIoFrame).forEach((kind, count) -> io.put(kind, count.sum()));
        return new JsonObject()
                .put("handshakes", handshakes.sum())
                .put("steps", steps.sum())
                .put("threads", threads)
                .put("onIoThread", io);
    }
}
