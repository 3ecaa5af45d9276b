package dev.offloadjsse.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final Set<String> EXAMPLES = Set.of("https", "jetty");

    @Test
    void defaultsToTheHttpsExampleOnPort8443WithOurProvider() {
        CommandLine commandLine = CommandLine.parse(new String[0], EXAMPLES);

        assertThat(commandLine.example()).isEqualTo("https");
        assertThat(commandLine.options().port()).isEqualTo(8443);
        assertThat(commandLine.options().keystore()).isNull();
        assertThat(commandLine.options().provider()).isEqualTo("OffloadJSSE");
        assertThat(commandLine.help()).isFalse();
    }

    @Test
    void takesTheExampleAsFirstArgumentAndTheOptionsAfterIt() {
        CommandLine commandLine = CommandLine.parse(
                new String[] {"jetty", "--port", "9443", "--keystore", "k.p12", "--password", "pw"}, EXAMPLES);

        assertThat(commandLine.example()).isEqualTo("jetty");
        assertThat(commandLine.options().port()).isEqualTo(9443);
        assertThat(commandLine.options().keystore()).isEqualTo(Path.of("k.p12"));
        assertThat(commandLine.options().password()).containsExactly('p', 'w');
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"tomcat"}, EXAMPLES))
                .hasMessageContaining("unknown example 'tomcat'");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--verbose"}, EXAMPLES))
                .hasMessageContaining("unknown argument: --verbose");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port", "70000"}, EXAMPLES))
                .hasMessageContaining("--port must be a number from 0 to 65535");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port"}, EXAMPLES))
                .hasMessageContaining("--port needs a value");
    }

    @Test
    void wantsKeystoreAndPasswordTogether() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--keystore", "k.p12"}, EXAMPLES))
                .hasMessageContaining("--keystore needs --password");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--password", "pw"}, EXAMPLES))
                .hasMessageContaining("--password needs --keystore");
    }
}
