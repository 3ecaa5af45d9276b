package dev.offloadjsse.examples;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A complete response with a body of known length.
 *
 * @param headers fields besides Content-Type, Content-Length and Connection
 */
record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static HttpResponse json(String json) {
        return new HttpResponse(200, "application/json", (json + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A short plain-text body that repeats the status, for example {@code 404 Not Found}. */
    static HttpResponse error(int status, Map<String, String> headers) {
        byte[] body = (status + " " + reason(status) + "\n").getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(status, "text/plain; charset=utf-8", body, headers);
    }

    /**
     * The bytes on the wire; a HEAD response keeps the Content-Length but drops the body.
     *
     * @param close whether the connection closes after this response
     */
    ByteBuffer encode(boolean head, boolean close) {
        StringBuilder text = new StringBuilder()
                .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        text.append("Connection: ").append(close ? "close" : "keep-alive").append("\r\n\r\n");
        byte[] start = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer bytes = ByteBuffer.allocate(start.length + (head ? 0 : body.length)).put(start);
        if (!head) {
            bytes.put(body);
        }
        return bytes.flip();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
