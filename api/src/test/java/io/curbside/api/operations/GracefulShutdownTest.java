package io.curbside.api.operations;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On SIGTERM (the context stopping), a request that arrives on a keep-alive connection the node
 * had open is answered 503 with Connection: close and Retry-After, not reset with the connection.
 */
class GracefulShutdownTest extends DatabaseTest {

    private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    /** Sends one GET over the connection and reads its whole answer, head and body. */
    private static String get(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return read.toString(StandardCharsets.UTF_8);
            }
            read.write(b);
        }
        Matcher length = LENGTH.matcher(read.toString(StandardCharsets.UTF_8));
        read.write(in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0));
        return read.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRequestOnAnOpenConnectionWhileStoppingIs503WithConnectionClose() throws Exception {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                new HashMap<String, Object>(getProperties()), "test");
        ApplicationContext context = server.getApplicationContext();
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(15_000);
            String before = get(socket, "/health/liveness");
            assertTrue(before.startsWith("HTTP/1.1 200"), before);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(context::stop);
            // Time for the shutdown to begin, and for Micronaut's own to close idle connections, as it did.
            Thread.sleep(1000);
            String during = get(socket, "/v1/services");
            String head = during.toLowerCase(Locale.ROOT);
            assertTrue(during.startsWith("HTTP/1.1 503"), "answered, not reset: " + during);
            assertTrue(head.contains("\r\nconnection: close\r\n"), during);
            assertTrue(head.contains("\r\nretry-after: "), during);
            assertTrue(head.contains("\r\ncontent-type: application/problem+json"), during);
            assertTrue(during.contains("urn:curbside:problem:unavailable"), during);
            assertEquals(-1, socket.getInputStream().read(), "the connection is closed after the answer");
            stopped.get(30, TimeUnit.SECONDS);
        } finally {
            if (context.isRunning()) {
                context.stop();
            }
        }
    }
}
