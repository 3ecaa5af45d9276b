package dev.offloadjsse.engine;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One daemon timer for all engines' handshake deadlines; cancelled deadlines leave its queue at once. */
final class HandshakeDeadlines {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private HandshakeDeadlines() {
    }

    static Future<?> schedule(Duration timeout, Runnable onExpiry) {
        return TIMER.schedule(onExpiry, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "offload-jsse-handshake-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
