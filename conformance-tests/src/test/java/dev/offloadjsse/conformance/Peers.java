package dev.offloadjsse.conformance;

import java.util.ArrayList;
import java.util.List;

/** Every peer of the matrix, in the order of the report. */
final class Peers {

    private Peers() {
    }

    static List<Peer> all() {
        List<Peer> peers = new ArrayList<>();
        for (JsseStack stack : List.of(JsseStack.SUNJSSE, JsseStack.BCJSSE, JsseStack.CONSCRYPT)) {
            for (JssePeer.Transport transport : JssePeer.Transport.values()) {
                peers.add(new JssePeer(stack, transport));
            }
        }
        peers.add(new OpenSslPeer());
        peers.add(new GnuTlsPeer());
        peers.add(new NssPeer());
        peers.add(new CurlPeer());
        return peers;
    }
}
