package dev.offloadjsse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three ways issue 2 names to register the provider. */
class ProviderRegistrationTest {

    @Test
    void serviceLoaderFindsTheProvider() {
        assertThat(ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::type))
                .contains(OffloadJsseProvider.class);
    }

    @Test
    void insertProviderAtMakesItTheDefaultForTls() throws Exception {
        Provider provider = new OffloadJsseProvider();
        Security.insertProviderAt(provider, 1);
        try {
            for (String algorithm : new String[] {"TLS", "TLSv1.3", "TLSv1.2"}) {
                SSLContext context = SSLContext.getInstance(algorithm);
                assertThat(context.getProvider().getName()).isEqualTo("OffloadJSSE");
                context.init(null, null, null);
                assertThat(context.createSSLEngine()).isInstanceOf(OffloadSSLEngine.class);
            }
        } finally {
            Security.removeProvider(provider.getName());
        }
    }

    @Test
    void defaultContextIsReadyWithoutInit() throws Exception {
        SSLEngine engine = SSLContext.getInstance("Default", new OffloadJsseProvider()).createSSLEngine();
        assertThat(engine.getSupportedProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    /** JDK ProviderConfig: a name that is not a class name is looked up through ServiceLoader. */
    @Test
    void securityPropertiesFileRegistersItByName(@TempDir Path dir) throws Exception {
        Path properties = dir.resolve("java.security");
        Files.writeString(properties, "security.provider.1=OffloadJSSE\n");
        Path probe = dir.resolve("Probe.java");
        Files.writeString(probe, "public class Probe { public static void main(String[] a) throws Exception {"
                + " System.out.println(javax.net.ssl.SSLContext.getInstance(\"TLS\").getProvider().getName()); } }");
        String output = run(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + properties, "-cp", System.getProperty("java.class.path"), probe.toString());
        assertThat(output).contains("OffloadJSSE");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
