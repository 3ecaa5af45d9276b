package dev.offloadjsse.examples;

/** A runnable example program, chosen by name on the command line. */
interface Example {

    /** The name given as the first argument, for example {@code https}. */
    String name();

    /** One line for the usage text. */
    String summary();

    /** Starts serving; the caller closes the result to stop. */
    StartedExample start(ExampleOptions options) throws Exception;
}
