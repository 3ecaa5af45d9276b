package dev.offloadjsse.conformance;

/** Whether a peer can take part in a cell, and if not, why: the report prints the reason. */
record Support(Kind kind, String reason) {

    enum Kind {
        /** The cell runs and must pass. */
        FULL,
        /** The cell runs; a failure is the peer's known limitation, reported with what was observed. */
        PEER_LIMITATION,
        /** The peer has no way to take part (no option, no API): the cell is reported, not run. */
        NOT_APPLICABLE
    }

    static final Support FULL = new Support(Kind.FULL, "");

    static Support limitation(String reason) {
        return new Support(Kind.PEER_LIMITATION, reason);
    }

    static Support notApplicable(String reason) {
        return new Support(Kind.NOT_APPLICABLE, reason);
    }
}
