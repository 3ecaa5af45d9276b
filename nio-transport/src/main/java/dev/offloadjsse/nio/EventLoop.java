package dev.offloadjsse.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * One selector thread. Channels and engines are touched only here; other threads get in through
 * {@link #execute(Runnable)} alone, which is also the single path by which a connection parked on
 * a handshake step comes back.
 */
final class EventLoop implements AutoCloseable {

    /** What a registered channel's attachment does when the loop selects it or stops. */
    interface Registrant {
        void onReady(int readyOps);

        /** The loop is stopping: close without waiting for the peer. */
        void onShutdown();
    }

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final LongUnaryOperator timers;
    private volatile boolean running = true;

    /**
     * @param timers called on the loop before every select with the current {@link System#nanoTime()}:
     *     runs what is due and returns nanoseconds until the next timer, or a negative value for none
     */
    EventLoop(String threadName, LongUnaryOperator timers) {
        this.timers = timers;
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Queues {@code task} for the loop and wakes it. Returns {@code false} when the loop has been
     * closed: the task is dropped, as are tasks still queued when the loop stops.
     */
    boolean execute(Runnable task) {
        if (!running) {
            return false;
        }
        tasks.add(task);
        selector.wakeup();
        return true;
    }

    /** Runs {@code task} now when already on the loop, otherwise as {@link #execute}. */
    void runOnLoop(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /** Only on the loop thread (a registration from elsewhere would wait for the select). */
    SelectionKey register(SelectableChannel channel, int ops, Registrant registrant) throws ClosedChannelException {
        return channel.register(selector, ops, registrant);
    }

    private void run() {
        try {
            while (running) {
                long untilTimer = runTimers();
                if (untilTimer < 0) {
                    selector.select();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilTimer) + 1));
                }
                runTasks();
                for (SelectionKey key : selector.selectedKeys()) {
                    dispatch(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "event loop " + thread.getName() + " failed", e);
        } finally {
            shutdownRegistrants();
        }
    }

    private long runTimers() {
        try {
            return timers.applyAsLong(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "loop timer failed", e);
            return 0;
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "loop task failed", e);
            }
        }
    }

    private static void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        Registrant registrant = (Registrant) key.attachment();
        try {
            registrant.onReady(key.readyOps());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "channel handler failed; closing it", e);
            registrant.onShutdown();
        }
    }

    private void shutdownRegistrants() {
        tasks.clear();
        for (SelectionKey key : new ArrayList<>(selector.keys())) {
            try {
                ((Registrant) key.attachment()).onShutdown();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing a channel at shutdown failed", e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the selector failed", e);
        }
    }

    /** Stops the loop, which closes every registered channel, and waits for its thread. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (inLoop()) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
