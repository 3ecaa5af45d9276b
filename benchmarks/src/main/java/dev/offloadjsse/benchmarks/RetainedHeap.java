package dev.offloadjsse.benchmarks;

/**
 * Heap that established, idle connections keep reachable, in bytes per connection.
 *
 * @param connections how many were open at once
 * @param total everything the server side gained: its engines plus what its context keeps for them
 *     (session caches)
 * @param engines what only the engines kept: released when they were dropped
 * @param context what the context still held after that
 */
record RetainedHeap(TlsStack stack, int connections, double total, double engines, double context) {
}
