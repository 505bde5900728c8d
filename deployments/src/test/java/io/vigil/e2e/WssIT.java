package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.client.sdk.VigilDevice;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.stream.LongStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS: the HTTPS listener on 8443 serves {@code wss://} with the certificate
 * WildFly generates at first use when none is configured, and the SDK
 * connects to it trusting that certificate (pinned, as a device would trust
 * a private authority) with the host name checked.
 */
class WssIT extends E2E {

    @TempDir
    Path outbox;

    @Test
    void aDeviceStreamsOverWssWithTheServersCertificatePinned() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("wss"));
        SSLContext pinned = trusting(serverCertificate());
        try (VigilDevice device = VigilDevice.builder().server(URI.create("wss://localhost:8443"))
                .deviceId(registered.id()).token(registered.token()).outboxDirectory(outbox)
                .sslContext(pinned).reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build()) {
            device.start();
            for (int i = 1; i <= 10; i++) {
                device.send(Map.of("v", i));
            }
            assertTrue(device.awaitDrained(WAIT), "acks came back over TLS: " + device.metrics());
        }
        assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), Stored.seqs(api, registered.id()));
    }

    @Test
    void withTlsRequiredPlainUpgradesAreRefusedAndWssWorks() throws Exception {
        server.stop();
        server.start(java.util.List.of("-Dvigil.ws.requireTls=true"));
        try {
            Api.Device registered = api.register(Api.uniqueId("tlsonly"));
            assertEquals(403, HandshakeIT.handshakeStatus(server, registered.id(), registered.token()));
            try (RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/monitor", Map.of())) {
                assertEquals(403, ws.readHandshake().status());
            }
            try (VigilDevice device = VigilDevice.builder().server(URI.create("wss://localhost:8443"))
                    .deviceId(registered.id()).token(registered.token()).outboxDirectory(outbox.resolve("tls-only"))
                    .sslContext(trusting(serverCertificate())).build()) {
                device.start();
                device.send(Map.of("v", 1));
                assertTrue(device.awaitDrained(WAIT));
            }
        } finally {
            server.stop();
            server.start();
        }
    }

    /** The certificate the server presents, read without trusting it (the test then trusts exactly it). */
    private static X509Certificate serverCertificate() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("localhost", 8443)) {
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return (X509Certificate) chain[0];
        }
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("vigil", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), new SecureRandom());
        return context;
    }
}
