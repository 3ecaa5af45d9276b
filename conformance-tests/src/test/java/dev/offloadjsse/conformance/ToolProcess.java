package dev.offloadjsse.conformance;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line TLS peer, started with a deadline: every wait is bounded and {@link #close()}
 * kills the process. A tool that is not installed fails the test with the package to install.
 */
final class ToolProcess implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    private final List<String> command;
    private final Process process;
    private final OutputStream stdin;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread[] readers;

    private ToolProcess(List<String> command) throws IOException {
        this.command = command;
        this.process = new ProcessBuilder(command).start();
        this.stdin = process.getOutputStream();
        this.readers = new Thread[] {copier(process.getInputStream(), stdout), copier(process.getErrorStream(), stderr)};
    }

    static ToolProcess start(List<String> command) throws IOException {
        requireInstalled(command.get(0));
        return new ToolProcess(command);
    }

    /** Runs a set-up command to its end and fails with its output unless it exits with 0. */
    static void runChecked(List<String> command) throws IOException, InterruptedException {
        try (ToolProcess tool = start(command)) {
            tool.closeInput();
            if (tool.awaitExit() != 0) {
                throw new IOException(tool.describe());
            }
        }
    }

    void write(byte[] bytes) throws IOException {
        stdin.write(bytes);
        stdin.flush();
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.US_ASCII));
    }

    void closeInput() throws IOException {
        stdin.close();
    }

    /** Waits until standard output or standard error contains {@code text}. */
    void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                // it may have printed the text just before exiting: read what is still in the pipes
                joinReaders();
                if (output().contains(text)) {
                    return;
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("'" + text + "' never appeared\n" + describe());
            }
            Thread.sleep(10);
        }
    }

    /** The exit code, or -1 after killing a process that outlived the deadline. */
    int awaitExit() throws InterruptedException {
        return awaitExit(DEADLINE);
    }

    /** The exit code, or -1 after killing a process that outlived {@code deadline}. */
    int awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            joinReaders();
            return -1;
        }
        joinReaders();
        return process.exitValue();
    }

    /** Waits (boundedly: a child the tool left behind may hold its pipes open) until the output is read. */
    private void joinReaders() throws InterruptedException {
        for (Thread reader : readers) {
            reader.join(DEADLINE.toMillis());
        }
    }

    String stdout() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Standard output and standard error. */
    String output() {
        synchronized (stderr) {
            return stdout() + stderr.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The command and the tail of what it printed, for a failure message. */
    String describe() {
        String all = output();
        return "$ " + String.join(" ", command) + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")")
                + "\n" + (all.length() > 3000 ? "..." + all.substring(all.length() - 3000) : all);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    private static void requireInstalled(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(directory, tool).canExecute()) {
                return;
            }
        }
        throw new AssertionError(tool + " is not installed: the interop matrix needs it (Debian package "
                + DebianPackage.of(tool) + "; .ci/run installs it)");
    }

    private static Thread copier(InputStream from, ByteArrayOutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] chunk = new byte[16384];
            try (from) {
                for (int count; (count = from.read(chunk)) >= 0; ) {
                    synchronized (to) {
                        to.write(chunk, 0, count);
                    }
                }
            } catch (IOException e) {
                // the process was killed: what it printed so far is kept
            }
        }, "tool-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
