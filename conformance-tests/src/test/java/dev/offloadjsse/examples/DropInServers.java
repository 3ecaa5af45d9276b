package dev.offloadjsse.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every example of the launcher (the nio-transport {@code https} one and the Jetty, Tomcat and
 * Netty drop-ins), started in-process for one test class, each on a free port at 127.0.0.1 with
 * the provider under test and a generated certificate.
 */
final class DropInServers implements BeforeAllCallback, AfterAllCallback {

    /** The examples' names, for {@code @ValueSource(strings = ...)}. */
    static final String HTTPS = "https";
    static final String JETTY = "jetty";
    static final String TOMCAT = "tomcat";
    static final String NETTY = "netty";

    private final Map<String, StartedExample> started = new LinkedHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        for (Example example : Main.examples().values()) {
            started.put(example.name(),
                    example.start(ExampleOptions.defaults().withPort(0).withProvider(Conformance.PROVIDER)));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        started.values().forEach(StartedExample::close);
    }

    int port(String example) {
        return server(example).port();
    }

    Path certificatePem(String example) {
        return server(example).certificatePem();
    }

    private StartedExample server(String example) {
        StartedExample server = started.get(example);
        if (server == null) {
            throw new IllegalArgumentException("no example named " + example + "; started: " + started.keySet());
        }
        return server;
    }
}
