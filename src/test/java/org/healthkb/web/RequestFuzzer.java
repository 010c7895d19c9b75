package org.healthkb.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Generated hostile requests against /api/search, /api/suggest and /api/providers, sent over raw
 * sockets so nothing is cleaned up on the way (broken percent-encoding, lone surrogates, control
 * characters, Lucene syntax, 500-character questions, repeated and unknown parameters). Seeded: a
 * failure is replayed by running the same seed. Checks every answer: never a 5xx but the 503 of
 * back-pressure, always JSON, every 400 naming what was wrong, and how long the slowest took.
 * <p>
 * {@code java -cp target/test-classes:target/kb.jar org.healthkb.web.RequestFuzzer http://127.0.0.1:7071 10000 15}
 */
public final class RequestFuzzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ROUTES = {"/api/search", "/api/suggest", "/api/providers"};
    private static final String[] PARAMETERS = {"q", "limit", "offset", "mode", "doseFlexibility", "trdSuitability",
            "minSuitability", "maxMonthlyPriceUsd", "sort", "full", "token", "callback", "Q", "q[]", ""};
    private static final String[] HOSTILE = {"title:kalm^5 AND dose*", "\"unbalanced quote", "((((", "/.*/", "*:*",
            "ketamine~2", "+must -not", "a OR b NOT c", "\\", "\u0000\u0001\u001f", "\u200f\u202eevil\u202c", "\ud83d\udc8a pill",
            "\ud800 lone", "\udfff", "\u0648\u0635\u0641", "ketamine\r\nX-Injected: 1", "<script>alert(1)</script>", "%", "%zz",
            "%e2%82", "NaN", "Infinity", "-1", "0", "1e309", "999999999999", "Good", "Excellent", "No cap", "price", "hybrid",
            "keyword", " ", ""};
    private static final String[] WORDS = {"ketamine", "dose", "depression", "symptoms", "diabetes", "genetic", "treatment",
            "ketmine", "depresion", "glaucoma", "the", "what", "is", "how", "can", "I", "zzqx", "SSRI", "TRD"};

    /** What a run found. */
    public record Report(int requests, int fiveHundreds, int overloaded, int badRequests, int unnamedBadRequests,
                         long slowestMillis, String slowest, List<String> failures) {
    }

    private final String host;
    private final int port;
    private final Random random;

    public RequestFuzzer(String base, long seed) {
        String hostPort = base.replaceFirst("^http://", "").replaceFirst("/.*$", "");
        this.host = hostPort.substring(0, hostPort.indexOf(':'));
        this.port = Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
        if (!host.equals("127.0.0.1")) {
            throw new IllegalArgumentException("fuzz only 127.0.0.1, not " + host);
        }
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        int requests = Integer.parseInt(args[1]);
        Report report = new RequestFuzzer(args[0], Long.parseLong(args[2])).run(requests);
        System.out.println(report.requests() + " requests, " + report.fiveHundreds() + " 5xx, " + report.overloaded()
                + " 503 for overload, " + report.badRequests() + " 400 (" + report.unnamedBadRequests()
                + " not naming the problem), slowest " + report.slowestMillis() + " ms: " + report.slowest());
        report.failures().stream().limit(20).forEach(f -> System.out.println("  " + f));
        System.exit(report.fiveHundreds() == 0 && report.unnamedBadRequests() == 0 ? 0 : 1);
    }

    public Report run(int requests) throws IOException {
        int fiveHundreds = 0;
        int overloaded = 0;
        int badRequests = 0;
        int unnamed = 0;
        long slowest = 0;
        String slowestTarget = "";
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String target = target();
            long start = System.nanoTime();
            Answer answer = send(target);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > slowest) {
                slowest = millis;
                slowestTarget = target;
            }
            JsonNode body = parse(answer.body());
            if (answer.status() == 503 && body != null && "overloaded".equals(body.path("error").asText())) {
                overloaded++;
            } else if (answer.status() >= 500) {
                fiveHundreds++;
                failures.add(answer.status() + " " + target + " -> " + answer.body());
            } else if (body == null && target.startsWith("/api/")) {
                fiveHundreds++;
                failures.add("not JSON: " + answer.status() + " " + target + " -> " + answer.body());
            } else if (answer.status() == 400) {
                badRequests++;
                if (!namesTheProblem(target, body)) {
                    unnamed++;
                    failures.add("400 not naming the problem: " + target + " -> " + body);
                }
            }
        }
        return new Report(requests, fiveHundreds, overloaded, badRequests, unnamed, slowest, slowestTarget, failures);
    }

    /** A 400 names the parameter it is about, or says the URL itself is not valid HTTP. */
    private static boolean namesTheProblem(String target, JsonNode body) {
        String message = body.path("message").asText();
        if (body.path("error").asText().equals("bad_request")) {
            return true;
        }
        String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
        for (String pair : query.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!name.isEmpty() && message.contains(decodedOrRaw(name))) {
                return true;
            }
        }
        return message.contains("parameter '");
    }

    private static String decodedOrRaw(String name) {
        try {
            return java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    private String target() {
        String route = ROUTES[random.nextInt(ROUTES.length)];
        // Half the requests carry only a question, so the search itself is fuzzed, not just the checks before it.
        int parameters = random.nextBoolean() ? 0 : random.nextInt(5);
        List<String> pairs = new ArrayList<>();
        if (!route.equals("/api/providers") && random.nextInt(10) > 0) {
            pairs.add("q=" + encodeOrBreak(question()));
        }
        for (int p = 0; p < parameters; p++) {
            String name = PARAMETERS[random.nextInt(PARAMETERS.length)];
            pairs.add(encodeOrBreak(name) + (random.nextInt(8) == 0 ? "" : "=" + encodeOrBreak(value())));
        }
        return route + (pairs.isEmpty() && random.nextBoolean() ? "" : "?" + String.join("&", pairs));
    }

    private String question() {
        return switch (random.nextInt(6)) {
            case 0 -> HOSTILE[random.nextInt(HOSTILE.length)];
            case 1 -> IntStream.range(0, 200).mapToObj(i -> "w" + random.nextInt(100_000))
                    .collect(Collectors.joining(" ")).substring(0, 480 + random.nextInt(40)); // around the 500 limit
            case 2 -> (WORDS[random.nextInt(WORDS.length)] + " ").repeat(1 + random.nextInt(60)).strip();
            default -> IntStream.range(0, 1 + random.nextInt(8)).mapToObj(i -> random.nextInt(5) == 0
                    ? HOSTILE[random.nextInt(HOSTILE.length)] : WORDS[random.nextInt(WORDS.length)])
                    .collect(Collectors.joining(" "));
        };
    }

    private String value() {
        return random.nextBoolean() ? HOSTILE[random.nextInt(HOSTILE.length)] : Integer.toString(random.nextInt(2000) - 500);
    }

    /** Percent-encoded, or now and then left raw or cut inside an escape, as a careless or hostile client sends it. */
    private String encodeOrBreak(String text) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
        return switch (random.nextInt(12)) {
            case 0 -> text.replace(" ", "+").replace("&", "%26").replace("#", "%23").replace("\r", "").replace("\n", "");
            case 1 -> encoded.isEmpty() ? "%" : encoded.substring(0, Math.max(0, encoded.length() - 1)) + "%";
            case 2 -> encoded + "%G1";
            default -> encoded;
        };
    }

    private record Answer(int status, String body) {
    }

    private Answer send(String target) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            byte[] request = ("GET " + target.replace(" ", "%20") + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int lineEnd = answer.indexOf("\r\n");
            if (lineEnd < 0) {
                return new Answer(599, "no answer: " + answer);
            }
            String[] status = answer.substring(0, lineEnd).split(" ");
            int bodyStart = answer.indexOf("\r\n\r\n");
            String body = bodyStart < 0 ? "" : answer.substring(bodyStart + 4);
            if (answer.substring(0, Math.max(0, bodyStart)).toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Answer(Integer.parseInt(status[1]), body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The failures of a report by kind, for a readable assertion message. */
    static String summary(Report report) {
        return new TreeMap<>(report.failures().stream().collect(Collectors.groupingBy(
                f -> f.substring(0, Math.min(40, f.length())), Collectors.counting()))).toString()
                + "\n" + report.failures().stream().limit(10).collect(Collectors.joining("\n"));
    }
}
