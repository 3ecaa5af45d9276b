package dev.offloadjsse.examples;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Splits a connection's byte stream into requests (RFC 9112), however the bytes arrive: partial
 * heads wait for more, pipelined requests come out one by one. Request bodies, framed by
 * {@code Content-Length}, are skipped; {@code Transfer-Encoding} is refused.
 */
final class HttpRequestParser {

    static final int MAX_HEAD_BYTES = 8 * 1024;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/\\d\\.\\d");

    private byte[] buffer = new byte[1024];
    private int start;
    private int end;
    private long bodyToSkip;

    void feed(ByteBuffer bytes) {
        if (buffer.length - end < bytes.remaining()) {
            compact(bytes.remaining());
        }
        int count = bytes.remaining();
        bytes.get(buffer, end, count);
        end += count;
    }

    /** The next complete request head, if one has arrived. */
    Optional<HttpRequest> next() throws HttpProtocolException {
        skipBody();
        if (bodyToSkip > 0) {
            return Optional.empty();
        }
        int headEnd = headEnd();
        if (headEnd < 0) {
            if (end - start >= MAX_HEAD_BYTES) {
                throw new HttpProtocolException(431, "request head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            return Optional.empty();
        }
        String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
        start = headEnd;
        return Optional.of(parseHead(head));
    }

    private void skipBody() {
        int skipped = (int) Math.min(bodyToSkip, end - start);
        start += skipped;
        bodyToSkip -= skipped;
    }

    /** The index just after the empty line that ends the head, or -1. A bare LF ends a line too. */
    private int headEnd() {
        int limit = Math.min(end, start + MAX_HEAD_BYTES);
        for (int i = start; i < limit; i++) {
            if (buffer[i] != '\n') {
                continue;
            }
            if (i + 1 < limit && buffer[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < limit && buffer[i + 1] == '\r' && buffer[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private HttpRequest parseHead(String head) throws HttpProtocolException {
        String[] lines = head.split("\r?\n");
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !TOKEN.matcher(requestLine[0]).matches()
                || !requestLine[1].startsWith("/") || !VERSION.matcher(requestLine[2]).matches()) {
            throw new HttpProtocolException(400, "malformed request line");
        }
        String version = requestLine[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new HttpProtocolException(505, "HTTP version " + version + " not supported");
        }
        Headers headers = Headers.parse(Arrays.copyOfRange(lines, 1, lines.length));
        if (version.equals("HTTP/1.1") && headers.count("host") != 1) {
            throw new HttpProtocolException(400, "an HTTP/1.1 request needs exactly one Host header");
        }
        if (headers.count("transfer-encoding") > 0) {
            throw new HttpProtocolException(501, "Transfer-Encoding not supported");
        }
        bodyToSkip = headers.contentLength();
        boolean keepAlive = version.equals("HTTP/1.1")
                ? !headers.hasConnectionOption("close")
                : headers.hasConnectionOption("keep-alive");
        return new HttpRequest(requestLine[0], requestLine[1], keepAlive);
    }

    private void compact(int incoming) {
        int kept = end - start;
        if (buffer.length < kept + incoming) {
            buffer = Arrays.copyOf(Arrays.copyOfRange(buffer, start, end), Math.max(buffer.length * 2, kept + incoming));
        } else {
            System.arraycopy(buffer, start, buffer, 0, kept);
        }
        start = 0;
        end = kept;
    }

    /** The header fields of one head; names compared without case. */
    private static final class Headers {
        private final String[] names;
        private final String[] values;

        private Headers(String[] names, String[] values) {
            this.names = names;
            this.values = values;
        }

        static Headers parse(String[] lines) throws HttpProtocolException {
            String[] names = new String[lines.length];
            String[] values = new String[lines.length];
            for (int i = 0; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                // RFC 9112 5.1 and 5.2: no space before the colon, no obsolete line folding
                if (colon <= 0 || !TOKEN.matcher(lines[i].substring(0, colon)).matches()) {
                    throw new HttpProtocolException(400, "malformed header line");
                }
                names[i] = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
                values[i] = lines[i].substring(colon + 1).strip();
            }
            return new Headers(names, values);
        }

        int count(String name) {
            return (int) Arrays.stream(names).filter(name::equals).count();
        }

        boolean hasConnectionOption(String option) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals("connection")) {
                    for (String token : values[i].split(",")) {
                        if (token.strip().equalsIgnoreCase(option)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** RFC 9112 6.3: several Content-Length fields must agree, and each must be a number. */
        long contentLength() throws HttpProtocolException {
            long length = 0;
            boolean seen = false;
            for (int i = 0; i < names.length; i++) {
                if (!names[i].equals("content-length")) {
                    continue;
                }
                if (!values[i].matches("\\d{1,18}")) {
                    throw new HttpProtocolException(400, "malformed Content-Length");
                }
                long value = Long.parseLong(values[i]);
                if (seen && value != length) {
                    throw new HttpProtocolException(400, "conflicting Content-Length fields");
                }
                length = value;
                seen = true;
            }
            return length;
        }
    }
}
