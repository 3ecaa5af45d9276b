package dev.offloadjsse.nio;

import java.util.ArrayList;
import java.util.List;

/** What a test opened, closed in reverse order after it; and the SunJSSE client most tests use. */
final class Closer implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();

    <T extends AutoCloseable> T add(T resource) {
        resources.add(resource);
        return resource;
    }

    /** A SunJSSE client that trusts the test server, closed after the test. */
    TlsClient client() {
        return add(TlsClient.open(TestTls.clientContext(), TransportConfig.defaults()));
    }

    @Override
    public void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        resources.clear();
    }
}
