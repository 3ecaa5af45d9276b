package dev.offloadjsse.examples;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The HTTPS example, started in-process for one test class on a free port at 127.0.0.1 with the
 * provider under test and a generated certificate:
 * {@code @RegisterExtension static final HttpsExampleServer SERVER = new HttpsExampleServer();}
 */
final class HttpsExampleServer implements BeforeAllCallback, AfterAllCallback {

    private StartedExample started;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        started = new HttpsExample().start(ExampleOptions.defaults().withPort(0).withProvider(Conformance.PROVIDER));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        started.close();
    }

    int port() {
        return started.port();
    }

    Path certificatePem() {
        return started.certificatePem();
    }
}
