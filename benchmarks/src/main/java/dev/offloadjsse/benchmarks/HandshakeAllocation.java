package dev.offloadjsse.benchmarks;

/** Heap bytes allocated per full handshake by each side's engine, one value per round. */
record HandshakeAllocation(Sample client, Sample server) {
}
