package dev.offloadjsse.examples;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command-line client or server (curl, openssl) with its output kept for the failure message.
 * A tool that is not installed fails the test with a message saying so: nothing is skipped.
 */
final class ExternalProcess implements AutoCloseable {

    /** What a finished process left behind; {@link #toString()} is the whole story for a failure. */
    record Result(int exitCode, String stdout, String stderr, String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    private final List<String> command;
    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ExternalProcess(List<String> command) throws IOException {
        this.command = command;
        this.process = new ProcessBuilder(command).start();
        this.stdoutReader = copier(process.getInputStream(), stdout);
        this.stderrReader = copier(process.getErrorStream(), stderr);
    }

    static ExternalProcess start(List<String> command) throws IOException {
        requireOnPath(command.get(0));
        return new ExternalProcess(command);
    }

    /** Runs {@code command} with {@code stdin} as its input and waits for it to end. */
    static Result run(List<String> command, String stdin, Duration timeout) throws IOException, InterruptedException {
        try (ExternalProcess process = start(command)) {
            process.sendAndCloseInput(stdin);
            return process.await(timeout);
        }
    }

    void sendAndCloseInput(String input) throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** Waits for a line of standard output that matches {@code pattern} and returns its match. */
    Matcher awaitOutput(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(stdout);
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no output matching " + pattern + "\n" + describe("still running"));
    }

    /** Waits for the process to end (destroying it after {@code timeout}). */
    Result await(Duration timeout) throws InterruptedException {
        String end;
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            end = "exit code " + process.exitValue();
        } else {
            process.destroyForcibly().waitFor();
            end = "killed after " + timeout.toSeconds() + " s without ending";
        }
        stdoutReader.join();
        stderrReader.join();
        return new Result(process.exitValue(), stdout.toString(), stderr.toString(), describe(end));
    }

    /** The command, how it ended and all it printed so far. */
    String describe(String end) {
        return "command: " + String.join(" ", command) + "\n" + end
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static void requireOnPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (new File(directory, tool).canExecute()) {
                return;
            }
        }
        fail(tool + " is not installed (not found on PATH " + path + "); these conformance tests need it"
                + " (.ci/run installs it; by hand: apt-get install " + tool + ")");
    }

    private static Thread copier(InputStream from, StringBuffer to) {
        Thread thread = new Thread(() -> {
            byte[] chunk = new byte[8192];
            try (from) {
                int count;
                while ((count = from.read(chunk)) >= 0) {
                    to.append(new String(chunk, 0, count, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "process-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
