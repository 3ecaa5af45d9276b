package dev.offloadjsse.examples;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.KeyManager;

/** A started example: what every framework's server reports, and how it stops. */
record RunningServer(int port, Path certificatePem, List<KeyManager> keyManagers, Runnable stop)
        implements StartedExample {

    @Override
    public void close() {
        stop.run();
    }
}
