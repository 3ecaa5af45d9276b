package dev.offloadjsse.handshake;

/** A Bouncy Castle peer that captures the {@link HandshakeResult} when the handshake completes. */
interface CompletingPeer {

    /** The result, or null before completion. */
    HandshakeResult result();
}
