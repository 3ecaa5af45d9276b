package dev.offloadjsse.handshake;

/** Creates the offload component's handshake for one connection. */
public interface HandshakerFactory {
    Handshaker create(HandshakeRequest request);
}
