package dev.offloadjsse.examples;

/**
 * The head of one HTTP/1.x request, as far as the examples need it.
 *
 * @param method for example {@code GET}
 * @param target the origin-form target, path and query
 * @param keepAlive whether the client lets the connection stay open after the response
 */
record HttpRequest(String method, String target, boolean keepAlive) {

    /** The target without its query. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    boolean isHead() {
        return method.equals("HEAD");
    }
}
