package dev.offloadjsse.examples;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One HTTP/1.1 response read off a raw stream, framed by its Content-Length. */
record RawHttpResponse(String statusLine, String head, String body) {

    static RawHttpResponse read(InputStream in) throws IOException {
        String head = readHead(in);
        byte[] body = in.readNBytes(contentLength(head));
        return new RawHttpResponse(statusLine(head), head, new String(body, StandardCharsets.UTF_8));
    }

    /** The answer to a HEAD request: its Content-Length describes a body that is not sent. */
    static RawHttpResponse readHeadOnly(InputStream in) throws IOException {
        String head = readHead(in);
        return new RawHttpResponse(statusLine(head), head, "");
    }

    int contentLength() {
        return contentLength(head);
    }

    int status() {
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    boolean closes() {
        return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n");
    }

    private static String statusLine(String head) {
        return head.substring(0, head.indexOf("\r\n"));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("stream ended inside a response head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        throw new IllegalStateException("response without Content-Length: " + head);
    }
}
