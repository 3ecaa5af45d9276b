package dev.offloadjsse.conformance;

/** A TLS implementation our provider is tested against, in the roles it can play. */
interface Peer {

    String name();

    /** Whether this peer can play {@code role} (the role opposite ours) at all. */
    boolean plays(Role role);

    /** Whether this peer can take part in {@code cell}. */
    Support support(Cell cell);

    /** What the report says about this peer as a whole (how it runs, what it cannot do); empty for nothing. */
    default String notes() {
        return "";
    }

    /** Runs {@code cell}; returns normally only if both sides did all the cell asks. */
    void run(Cell cell, TestPki pki) throws Exception;
}
