package org.healthkb.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server pushed past its capacity: {@code clients} readers ask distinct hybrid questions as fast as
 * they are answered, for {@code seconds}, while one more asks /api/health every 100 ms. Prints the
 * share refused with 503, the latency of the answers (p50, p99, max) and of the refusals, and of
 * the health probes. Aimed at 127.0.0.1 only; bounded in time.
 * <p>
 * {@code java -cp ... org.healthkb.bench.Overload http://127.0.0.1:7071 136 60 [FIRST_QUESTION]}
 */
public final class Overload {
    private Overload() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        if (!base.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("load only 127.0.0.1");
        }
        int clients = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        int first = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        List<String> questions = Questions.load();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> answered = Collections.synchronizedList(new ArrayList<>());
        List<Long> refused = Collections.synchronizedList(new ArrayList<>());
        List<Long> health = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger(first);
        AtomicInteger other = new AtomicInteger();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                readers.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        String q = questions.get(next.getAndIncrement() % questions.size());
                        long took = time(client, base + "/api/search?mode=hybrid&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                                answered, refused, other);
                        if (took < 0) {
                            return;
                        }
                    }
                });
            }
            readers.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    time(client, base + "/api/health", health, health, other);
                    sleep(100 - (System.nanoTime() - start) / 1_000_000);
                }
            });
        }
        int total = answered.size() + refused.size() + other.get();
        System.out.printf("%d requests from %d clients: %d answered, %d refused with 503 (%.1f%%), %d other%n", total, clients,
                answered.size(), refused.size(), 100.0 * refused.size() / Math.max(1, total), other.get());
        System.out.println("answered: " + percentiles(answered));
        System.out.println("refused:  " + percentiles(refused));
        System.out.println("health:   " + percentiles(health) + " (" + health.size() + " probes)");
    }

    /** Sends one GET; files its milliseconds under answered (200) or refused (503); -1 when the server is gone. */
    private static long time(HttpClient client, String url, List<Long> answered, List<Long> refused, AtomicInteger other) {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.discarding());
            long millis = (System.nanoTime() - start) / 1_000_000;
            switch (response.statusCode()) {
                case 200 -> answered.add(millis);
                case 503 -> refused.add(millis);
                default -> other.incrementAndGet();
            }
            return millis;
        } catch (Exception e) {
            other.incrementAndGet();
            return -1;
        }
    }

    private static String percentiles(List<Long> millis) {
        List<Long> sorted;
        synchronized (millis) {
            sorted = new ArrayList<>(millis);
        }
        if (sorted.isEmpty()) {
            return "none";
        }
        Collections.sort(sorted);
        return String.format("p50 %d ms, p99 %d ms, max %d ms", sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))), sorted.getLast());
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
