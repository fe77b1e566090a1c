package io.curbside.api.notifications;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on a free loopback port, as a partner system would run one: it checks each
 * signature itself (the Standard Webhooks way, written here from the spec, not with Curbside's
 * code), and keeps what arrived. It answers with the status {@link #answer} gives for the n-th
 * request (1 for the first), 200 unless told otherwise.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Delivery(String id, long timestamp, String signature, String body, boolean signatureValid) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] key;
    private volatile IntUnaryOperator answer = n -> 200;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/hook", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
                Delivery delivery = new Delivery(id, Long.parseLong(timestamp), signature, body,
                        valid(id, timestamp, body, signature));
                deliveries.add(delivery);
                counts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                int status = answer.applyAsInt(requests.incrementAndGet());
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    /** The URL to subscribe. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The secret as the subscription's creator was shown it once: {@code whsec_<base64>}. */
    void secret(String shown) {
        key = Base64.getDecoder().decode(shown.substring("whsec_".length()));
    }

    void answer(IntUnaryOperator statusForNthRequest) {
        this.answer = statusForNthRequest;
    }

    List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** How often each webhook-id arrived. */
    Map<String, Integer> counts() {
        Map<String, Integer> copy = new ConcurrentHashMap<>();
        counts.forEach((id, n) -> copy.put(id, n.get()));
        return copy;
    }

    void reset() {
        deliveries.clear();
        counts.clear();
        requests.set(0);
        answer = n -> 200;
    }

    private boolean valid(String id, String timestamp, String body, String header) {
        if (key == null || id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            // The header may carry several space-separated signatures; one matching v1 is enough.
            for (String candidate : header.split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
