package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedisStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://}: a Redis server with TLS only, started here with a self-signed certificate.
 * It needs {@code redis-server} built with TLS and {@code openssl} on the PATH to make the
 * certificate; without them the test is skipped (the embedded binary has no TLS).
 */
class TlsTest {
    @TempDir
    static Path dir;
    private static Process server;
    private static int port;

    @BeforeAll
    static void startTlsServer() throws Exception {
        assumeTrue(onPath("redis-server") && onPath("openssl"), "needs redis-server and openssl on the PATH");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assumeTrue(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl could not make a certificate");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new ProcessBuilder("redis-server", "--port", "0", "--tls-port", Integer.toString(port),
                "--bind", "127.0.0.1", "--tls-cert-file", dir.resolve("cert.pem").toString(),
                "--tls-key-file", dir.resolve("key.pem").toString(),
                "--tls-ca-cert-file", dir.resolve("cert.pem").toString(), "--tls-auth-clients", "no",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).start();
        // a server built without TLS exits at once, complaining about the option
        String log = CompletableFuture.supplyAsync(() -> readUntilReady(server.getInputStream()))
                .get(20, TimeUnit.SECONDS);
        assumeTrue(log.contains("Ready to accept connections"), "redis-server has no TLS: " + log);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void redissConnectsAndEveryOperationWorksOverTls() throws Exception {
        String url = "rediss://127.0.0.1:" + port + "?namespace=tls";
        try (RedisStore store = RedisStore.connect(url, trusting(dir.resolve("cert.pem")))) {
            MemberDao members = new MemberDao(store);
            Member ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
            assertEquals(ann, members.getByEmail("ann@x").orElseThrow());
            assertEquals(List.of(ann.id()), members.query().ids());
            assertEquals("1", store.execute(jedis -> jedis.hget("{tls:member}:obj:1", "id")));
            assertTrue(members.delete(ann.id()));
        }
    }

    @Test
    void anUntrustedCertificateOrPlainTextIsRefusedNamingTheAddress() {
        String address = "127.0.0.1:" + port;
        RedaoConnectionException untrusted = assertThrows(RedaoConnectionException.class,
                () -> RedisStore.connect("rediss://" + address).close());
        assertTrue(untrusted.getMessage().contains(address), untrusted.getMessage());
        RedaoConnectionException plain = assertThrows(RedaoConnectionException.class,
                () -> RedisStore.connect("redis://" + address + "?timeout=2").close());
        assertTrue(plain.getMessage().contains(address), plain.getMessage());
    }

    private static SSLSocketFactory trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("redis", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static String readUntilReady(InputStream output) {
        StringBuilder log = new StringBuilder();
        // not closed here: once the server is ready, a thread keeps reading its output
        BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.append(line).append('\n');
                if (line.contains("Ready to accept connections")) {
                    // keep draining in the background so the server never blocks on a full pipe
                    Thread drain = new Thread(() -> drain(lines), "redis-tls-log");
                    drain.setDaemon(true);
                    drain.start();
                    return log.toString();
                }
            }
        } catch (IOException e) {
            log.append(e);
        }
        return log.toString();
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // discard
            }
        } catch (IOException ignored) {
            // the server stopped
        }
    }

    private static boolean onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }
}
