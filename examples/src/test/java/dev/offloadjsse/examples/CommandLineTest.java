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

    @Test
    void takesAlpnClientAuthAndTruststore() {
        CommandLine commandLine = CommandLine.parse(new String[] {"--alpn", "h2, http/1.1", "--client-auth", "need",
            "--truststore", "t.p12", "--truststore-password", "tp"}, EXAMPLES);

        assertThat(commandLine.options().applicationProtocols()).containsExactly("h2", "http/1.1");
        assertThat(commandLine.options().clientAuth()).isEqualTo(ExampleOptions.ClientAuth.NEED);
        assertThat(commandLine.options().truststore()).isEqualTo(Path.of("t.p12"));
        assertThat(commandLine.options().truststorePassword()).containsExactly('t', 'p');
    }

    @Test
    void rejectsBadAlpnAndClientAuthValues() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--alpn", "h2,,http/1.1"}, EXAMPLES))
                .hasMessageContaining("--alpn takes protocol names separated by commas");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--client-auth", "always"}, EXAMPLES))
                .hasMessageContaining("--client-auth must be want or need");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--truststore-password", "tp"}, EXAMPLES))
                .hasMessageContaining("--truststore-password needs --truststore");
    }

    @Test
    void takesRemoteOffloadWithItsChannelKeys() {
        CommandLine commandLine = CommandLine.parse(new String[] {"--offload", "remote:hs1:7443,hs2:7443",
            "--channel-keystore", "fe.p12", "--channel-password", "pw", "--channel-truststore", "servers.p12"}, EXAMPLES);

        RemoteOffloadOptions remote = commandLine.options().remote();
        assertThat(remote.targets()).isEqualTo("hs1:7443,hs2:7443");
        assertThat(remote.channelKeystore()).isEqualTo(Path.of("fe.p12"));
        assertThat(remote.channelTruststore()).isEqualTo(Path.of("servers.p12"));
        assertThat(remote.channelTruststorePassword()).containsExactly('p', 'w');
        assertThat(commandLine.options().keystore()).isNull();
    }

    @Test
    void remoteOffloadWithoutChannelOptionsLeavesTheKeysToTheSystemProperties() {
        RemoteOffloadOptions remote = CommandLine.parse(new String[] {"--offload", "remote:127.0.0.1:7443"}, EXAMPLES)
                .options().remote();

        assertThat(remote.channelKeystore()).isNull();
        assertThat(remote.channelTruststore()).isNull();
    }

    @Test
    void refusesAKeystoreWithRemoteOffload() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--offload", "remote:127.0.0.1:7443",
            "--keystore", "k.p12", "--password", "pw"}, EXAMPLES))
                .hasMessageContaining("--keystore cannot go with --offload remote")
                .hasMessageContaining("loads no private key");
    }

    @Test
    void refusesHalfTheChannelKeysAndChannelKeysWithoutRemoteOffload() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--offload", "remote:127.0.0.1:7443",
            "--channel-keystore", "fe.p12", "--channel-password", "pw"}, EXAMPLES))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--channel-keystore", "fe.p12"}, EXAMPLES))
                .hasMessageContaining("--channel-* options need --offload remote:HOST:PORT");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--offload", "pool"}, EXAMPLES))
                .hasMessageContaining("--offload must be remote:HOST:PORT");
    }
}
