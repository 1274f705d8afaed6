package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.webhook.TargetPolicy;
import com.securemodel.core.webhook.WebhookSender;
import com.securemodel.functions.webhook.GuardedHttpSender;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender on real sockets against a receiver on loopback: the SSRF guard holds when connecting. */
class GuardedHttpSenderIT {

    private final LoopbackReceiver receiver = new LoopbackReceiver();
    private final byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void locally_postsToALoopbackReceiver_andReturnsItsStatus() {
        String url = receiver.answering("/ok", 0, 202);
        GuardedHttpSender sender = new GuardedHttpSender(TargetPolicy.allowingLoopback(InetAddress::getAllByName),
                Duration.ofSeconds(2), Duration.ofSeconds(2));

        int status = sender.post(url + "?x=1", Map.of("X-PaiTIENT-Event-Id", "evt_1"), body);

        assertThat(status).isEqualTo(202);
        LoopbackReceiver.Received got = receiver.next("/ok", Duration.ofSeconds(5));
        assertThat(got.body()).isEqualTo("{\"id\":\"evt_1\"}");
        assertThat(got.header("X-PaiTIENT-Event-Id")).isEqualTo("evt_1");
    }

    @Test
    void dnsRebinding_aNameThatWasPublicAtCreate_andResolvesToLoopbackLater_isRefusedWithoutConnecting() {
        String loopbackUrl = receiver.answering("/rebind", 0, 200);
        int port = Integer.parseInt(loopbackUrl.replaceAll(".*:(\\d+)/.*", "$1"));
        AtomicInteger lookups = new AtomicInteger();
        // the attacker's DNS: a public address for the create's check, then the loopback address
        TargetPolicy aws = TargetPolicy.publicHttpsOnly(host -> new InetAddress[] {lookups.getAndIncrement() == 0
                ? InetAddress.getByName("93.184.216.34") : InetAddress.getLoopbackAddress()});
        String url = "https://rebind.example.com:" + port + "/rebind";
        aws.checkUrl(url);
        GuardedHttpSender sender = new GuardedHttpSender(aws, Duration.ofSeconds(2), Duration.ofSeconds(2));

        assertThatThrownBy(() -> sender.post(url, Map.of(), body))
                .isInstanceOf(WebhookSender.DeliveryFailedException.class)
                .hasMessageContaining("refused").hasMessageContaining("127.0.0.1");
        assertThat(receiver.drained("/rebind")).as("nothing reached the loopback receiver").isEmpty();
    }

    @Test
    void onAws_theMetadataAddress_isRefusedAtSendTime() {
        GuardedHttpSender sender = new GuardedHttpSender(TargetPolicy.publicHttpsOnly(InetAddress::getAllByName),
                Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThatThrownBy(() -> sender.post("https://169.254.169.254/latest/meta-data/", Map.of(), body))
                .isInstanceOf(WebhookSender.DeliveryFailedException.class).hasMessageContaining("metadata");
    }

    @Test
    void https_connectsToTheCheckedAddress_andVerifiesTheCertificateForTheUrlsHostName(@TempDir Path dir)
            throws Exception {
        SSLContext localhostCert = tls(dir, "localhost");
        SSLContext otherCert = tls(dir, "hooks.example.org");
        TargetPolicy local = TargetPolicy.allowingLoopback(InetAddress::getAllByName);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(localhostCert));
        server.createContext("/tls", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "https://localhost:" + server.getAddress().getPort() + "/tls";

            int status = new GuardedHttpSender(local, Duration.ofSeconds(2), Duration.ofSeconds(2),
                    localhostCert.getSocketFactory()).post(url, Map.of(), body);
            // a client that trusts only another name's certificate refuses the server's (host name verification)
            assertThatThrownBy(() -> new GuardedHttpSender(local, Duration.ofSeconds(2), Duration.ofSeconds(2),
                    otherCert.getSocketFactory()).post(url, Map.of(), body))
                    .isInstanceOf(WebhookSender.DeliveryFailedException.class);

            assertThat(status).isEqualTo(200);
        } finally {
            server.stop(0);
        }
    }

    /** A self-signed certificate for {@code name} (JDK keytool), as both the key and the only trusted certificate. */
    private static SSLContext tls(Path dir, String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "t", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=dns:" + name, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void aReceiverThatNeverAnswers_timesOut() {
        String url = receiver.silent("/silent");
        GuardedHttpSender sender = new GuardedHttpSender(TargetPolicy.allowingLoopback(InetAddress::getAllByName),
                Duration.ofSeconds(1), Duration.ofMillis(500));

        assertThatThrownBy(() -> sender.post(url, Map.of(), body))
                .isInstanceOf(WebhookSender.DeliveryFailedException.class).hasMessageContaining("timed out");
    }
}
