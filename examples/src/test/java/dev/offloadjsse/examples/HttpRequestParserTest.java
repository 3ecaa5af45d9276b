package dev.offloadjsse.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Oracle: RFC 9112 (HTTP/1.1 message syntax). */
class HttpRequestParserTest {

    private final HttpRequestParser parser = new HttpRequestParser();

    @Test
    void waitsForTheRestOfAPartialHead() throws Exception {
        feed("GET / HTTP/1.1\r\nHost: a\r\n");
        assertThat(parser.next()).isEmpty();

        feed("\r\n");
        assertThat(parser.next()).contains(new HttpRequest("GET", "/", true));
    }

    @Test
    void returnsPipelinedRequestsOneByOne() throws Exception {
        feed("GET /a HTTP/1.1\r\nHost: a\r\n\r\nHEAD /b?x=1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        assertThat(parser.next()).contains(new HttpRequest("GET", "/a", true));
        HttpRequest second = parser.next().orElseThrow();
        assertThat(second).isEqualTo(new HttpRequest("HEAD", "/b?x=1", false));
        assertThat(second.path()).isEqualTo("/b");
        assertThat(parser.next()).isEmpty();
    }

    @Test
    void skipsABodyFramedByContentLengthEvenAcrossReads() throws Exception {
        feed("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab");
        assertThat(parser.next()).isPresent();
        assertThat(parser.next()).isEmpty();

        feed("cdeGET /next HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(parser.next().orElseThrow().target()).isEqualTo("/next");
    }

    @Test
    void acceptsBareLineFeeds() throws Exception {
        feed("GET / HTTP/1.1\nHost: a\n\n");

        assertThat(parser.next()).isPresent();
    }

    @Test
    void keepsHttp10AliveOnlyWhenAsked() throws Exception {
        feed("GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");

        assertThat(parser.next().orElseThrow().keepAlive()).isFalse();
        assertThat(parser.next().orElseThrow().keepAlive()).isTrue();
    }

    /** CR and LF are written as the escapes \r and \n (turned back below) so that each CSV row is one line. */
    @ParameterizedTest(name = "{1} for {0}")
    @CsvSource(delimiter = '|', value = {
        "NOT A REQUEST\\r\\n\\r\\n                                     | 400",
        "GET / HTTP/1.1\\r\\n\\r\\n                                    | 400",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n              | 400",
        "GET / HTTP/1.1\\r\\nHost : a\\r\\n\\r\\n                        | 400",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\n folded\\r\\n\\r\\n             | 400",
        "GET http://a/ HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n                 | 400",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 1, 2\\r\\n\\r\\n | 400",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\n | 400",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n | 501",
        "GET / HTTP/2.0\\r\\nHost: a\\r\\n\\r\\n                         | 505",
    })
    void rejects(String request, int status) {
        feed(request.strip().replace("\\r", "\r").replace("\\n", "\n"));

        assertThatThrownBy(parser::next).isInstanceOfSatisfying(HttpProtocolException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }

    @Test
    void rejectsAHeadLargerThanTheCapBeforeItEnds() {
        feed("GET / HTTP/1.1\r\nHost: a\r\nX: " + "x".repeat(HttpRequestParser.MAX_HEAD_BYTES));

        assertThatThrownBy(parser::next).isInstanceOfSatisfying(HttpProtocolException.class,
                e -> assertThat(e.status()).isEqualTo(431));
    }

    private void feed(String text) {
        parser.feed(ByteBuffer.wrap(text.getBytes(ISO_8859_1)));
    }
}
