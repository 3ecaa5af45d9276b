package dev.offloadjsse.handshake;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * A handshake run by Bouncy Castle's non-blocking protocol. Records are offered one at a time
 * because {@code offerInput} processes every complete record it is given: feeding past the
 * completion would let BC swallow application data that follows the peer's Finished.
 */
final class BcHandshaker implements Handshaker {

    private final TlsProtocol protocol;
    private final CompletingPeer peer;
    private final boolean client;
    private boolean started;
    /** Whether any record has left for the peer: until then the peer holds no keys, and an alert goes in the clear. */
    private boolean wroteOutput;

    BcHandshaker(BcHandshakerFactory factory, HandshakeRequest request) {
        this.client = request.client();
        if (client) {
            this.protocol = new AbortableProtocols.Client();
            this.peer = new ClientPeer(factory.crypto(), factory.keyMaterial(), factory.resumption(), request);
        } else {
            this.protocol = new AbortableProtocols.Server();
            this.peer = new ServerPeer(factory.crypto(), factory.keyMaterial(), factory.resumption(), request);
        }
    }

    @Override
    public HandshakeStep step(List<byte[]> records) throws HandshakeFailedException {
        try {
            start();
            int consumed = 0;
            for (byte[] record : records) {
                if (peer.result() != null) {
                    break;
                }
                protocol.offerInput(record);
                consumed++;
            }
            HandshakeResult result = peer.result();
            byte[] output = drainOutput();
            if (result == null) {
                return new HandshakeStep(output, consumed, null);
            }
            return new HandshakeStep(new byte[0], consumed, withPendingOutput(result, output));
        } catch (IOException | RuntimeException e) {
            int alert = e instanceof TlsFatalAlertReceived ? HandshakeFailedException.NO_ALERT
                    : e instanceof TlsFatalAlert ? ((TlsFatalAlert) e).getAlertDescription()
                    : HandshakeFailedException.INTERNAL_ERROR;
            throw new HandshakeFailedException(describe(e), drainOutput(), alert, e);
        }
    }

    private void start() throws IOException {
        if (started) {
            return;
        }
        started = true;
        if (client) {
            ((TlsClientProtocol) protocol).connect((ClientPeer) peer);
        } else {
            ((TlsServerProtocol) protocol).accept((ServerPeer) peer);
        }
    }

    /**
     * BC writes the alert through its record stream, so it is protected under the write keys in
     * force and numbered after every record BC wrote before. BC writes nothing after its own
     * failure or close, nor before it has read a valid ClientHello ({@code RecordStream} has no
     * write version then); if nothing at all has been written, the peer has no keys and the
     * owner writes the alert in the clear ({@code null}).
     */
    @Override
    public byte[] abort(int alertDescription) {
        if (started) {
            try {
                AbortableProtocols.abort(protocol, (short) alertDescription);
            } catch (IOException | RuntimeException ignored) {
                // BC ignores a failure to write the alert itself; what it did write is still returned.
            }
            byte[] alert = drainOutput();
            if (alert.length > 0 || wroteOutput) {
                return alert;
            }
        }
        return Handshaker.super.abort(alertDescription);
    }

    /** BC's own close: user_canceled (the handshake being unfinished) and close_notify, written as {@link #abort} writes. */
    @Override
    public byte[] cancel() {
        if (!started) {
            return Handshaker.super.cancel();
        }
        try {
            protocol.close();
        } catch (IOException | RuntimeException ignored) {
            // As for abort: whatever BC managed to write is returned.
        }
        byte[] alerts = drainOutput();
        return alerts.length > 0 || wroteOutput ? alerts : Handshaker.super.cancel();
    }

    private byte[] drainOutput() {
        byte[] output = new byte[protocol.getAvailableOutputBytes()];
        protocol.readOutput(output, 0, output.length);
        wroteOutput |= output.length > 0;
        return output;
    }

    private static HandshakeResult withPendingOutput(HandshakeResult r, byte[] output) {
        return new HandshakeResult(r.sessionId(), r.protocol(), r.cipherSuite(), r.clientWrite(), r.serverWrite(),
                r.peerCertificates(), r.localCertificates(), r.applicationProtocol(), r.requestedServerNames(),
                r.namedGroup(), r.exporterSecret(), r.clientRandom(), r.resumed(), output);
    }

    private String describe(Exception e) {
        String role = client ? "client" : "server";
        if (e instanceof TlsFatalAlertReceived) {
            return "Received fatal alert: " + AlertDescription.getName(((TlsFatalAlertReceived) e).getAlertDescription());
        }
        if (e instanceof TlsFatalAlert) {
            TlsFatalAlert alert = (TlsFatalAlert) e;
            String detail = alert.getMessage() == null ? "" : ": " + alert.getMessage();
            return "TLS " + role + " handshake failed (" + AlertDescription.getName(alert.getAlertDescription()) + ")"
                    + detail.replaceFirst("^: " + java.util.regex.Pattern.quote(AlertDescription.getText(alert.getAlertDescription())) + "; ", ": ");
        }
        return "TLS " + role + " handshake failed: " + e;
    }

    /**
     * An unfinished handshake is closed, so that Bouncy Castle clears its handshake secrets. A
     * finished one is just dropped: its secrets are already cleared or taken, and closing it
     * would only encrypt a close_notify that nobody sends, under the application write key and
     * the sequence number that the record layer uses next (a GCM nonce to use once), at the cost
     * of a cipher and its key schedule (3 KiB of heap per engine).
     */
    @Override
    public void close() {
        if (!started || peer.result() != null) {
            return;
        }
        try {
            protocol.close();
        } catch (IOException ignored) {
            // Nothing to tell: the connection owner has already taken over or failed the connection.
        }
    }
}
