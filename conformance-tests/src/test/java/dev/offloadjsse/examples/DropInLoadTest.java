package dev.offloadjsse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadJsseProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each example under 200 concurrent keep-alive HTTP/1.1 connections for a few seconds, with no
 * failed request: {@code h2load --h1} (Debian {@code nghttp2-client}) for the nio transport,
 * Jetty and Netty; {@code wrk} (Debian {@code wrk}) for Tomcat, because h2load counts every
 * Tomcat response as failed: Tomcat sends no reason phrase ({@code HTTP/1.1 200 }) and h2load
 * records a status only with one. Afterwards the status JSON tells on which threads the server
 * ran the handshake steps (measured inside each step, see {@code StepThreads} in the examples):
 * the test prints it and pins the thread kind README reports for the framework.
 */
class DropInLoadTest {

    private static final int CONNECTIONS = 200;
    // 200 handshakes take a cold JVM on 2 cores up to about 4 s: long enough for requests after them
    private static final int SECONDS = 8;
    private static final Pattern H2LOAD_REQUESTS = Pattern.compile(
            "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored, (\\d+) timeout");
    private static final Pattern H2LOAD_2XX = Pattern.compile("status codes: (\\d+) 2xx");
    private static final Pattern WRK_REQUESTS = Pattern.compile("(\\d+) requests in ");
    private static final Pattern THREADS = Pattern.compile("\"threads\":\\{([^}]*)\\}");

    @RegisterExtension
    static final DropInServers SERVERS = new DropInServers();

    /**
     * @param stepThread the thread names (numbers as {@code N}) the framework runs the handshake
     *     steps on, as a regular expression: the offloader's pool for the nio transport and Netty,
     *     the framework's own threads for Jetty and Tomcat, which run {@code NEED_TASK} inline
     */
    @ParameterizedTest(name = "{0}: {1}, 200 keep-alive connections")
    @CsvSource({
        "https, h2load, offload-jsse-N-N",
        "jetty, h2load, offload-jsse-N-N",
        "tomcat, wrk, https-jsse-nio-.*-exec-N",
        "netty, h2load, offload-jsse-N-N",
    })
    void twoHundredKeepAliveConnectionsWithoutAFailedRequest(String example, String tool, String stepThread)
            throws Exception {
        String url = "https://127.0.0.1:" + SERVERS.port(example) + "/";
        List<String> command = tool.equals("wrk")
                ? List.of("wrk", "-t", "2", "-c", String.valueOf(CONNECTIONS), "-d", SECONDS + "s", "--timeout", "10s", url)
                : List.of("h2load", "--h1", "-t", "2", "-c", String.valueOf(CONNECTIONS), "-D", String.valueOf(SECONDS), url);

        ExternalProcess.Result result = ExternalProcess.run(command, "", Duration.ofSeconds(SECONDS + 60));
        String status = statusJson(example);
        System.out.printf("[%s] %s:%n%s%n[%s] status after the load: %s%n",
                example, String.join(" ", command), summary(result.stdout()), example, status);

        assertThat(result.exitCode()).as(result.description()).isZero();
        if (tool.equals("wrk")) {
            Matcher requests = WRK_REQUESTS.matcher(result.stdout());
            assertThat(requests.find()).as(result.description()).isTrue();
            assertThat(Long.parseLong(requests.group(1))).as(result.description()).isPositive();
            // wrk prints these lines only when something went wrong
            assertThat(result.stdout()).as(result.description()).doesNotContain("Socket errors", "Non-2xx or 3xx");
        } else {
            Matcher requests = H2LOAD_REQUESTS.matcher(result.stdout());
            assertThat(requests.find()).as(result.description()).isTrue();
            long succeeded = Long.parseLong(requests.group(4));
            assertThat(succeeded).as(result.description()).isPositive();
            assertThat(List.of(requests.group(5), requests.group(6), requests.group(7)))
                    .as("failed, errored, timeout\n" + result.description()).containsOnly("0");
            Matcher codes = H2LOAD_2XX.matcher(result.stdout());
            assertThat(codes.find()).as(result.description()).isTrue();
            assertThat(Long.parseLong(codes.group(1))).as(result.description()).isEqualTo(succeeded);
        }
        if (Conformance.PROVIDER.equals(OffloadJsseProvider.NAME)) {
            Matcher threads = THREADS.matcher(status);
            assertThat(threads.find()).as(status).isTrue();
            assertThat(threads.group(1)).as(status).isNotEmpty();
            for (String thread : threads.group(1).split(",")) {
                assertThat(thread.substring(1, thread.lastIndexOf('"'))).as(status).matches(stepThread);
            }
        }
    }

    private static String statusJson(String example) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(Conformance.trusting(SERVERS.certificatePem(example), "SunJSSE")).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + SERVERS.port(example) + "/"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The tool's result lines, without h2load's progress lines. */
    private static String summary(String stdout) {
        int start = stdout.indexOf("finished in");
        return (start < 0 ? stdout : stdout.substring(start)).strip();
    }
}
