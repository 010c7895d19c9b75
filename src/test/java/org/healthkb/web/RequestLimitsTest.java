package org.healthkb.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import org.healthkb.RealKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests refused before any route sees them answer in the API's JSON error shape. Sent over a raw
 * socket, as a hostile client would, since HTTP clients refuse to send some of them.
 */
class RequestLimitsTest {
    @RegisterExtension
    static final RealKnowledgeBase REAL = new RealKnowledgeBase();

    /** The status line and the body of the answer to {@code request}. */
    private static String[] exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {answer.substring(0, answer.indexOf("\r\n")), answer.substring(answer.indexOf("\r\n\r\n") + 4)};
        }
    }

    @Test
    void aTooLongUrlTooLargeHeadersAndGarbageGetJsonErrors() throws Exception {
        Javalin app = TestServers.create(REAL.kb()).start("127.0.0.1", 0);
        try {
            String[] longUrl = exchange(app.port(), "GET /api/search?q=" + "k".repeat(10_000)
                    + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(longUrl[0].contains(" 414 "), longUrl[0]);
            JsonNode body = WebServerTest.JSON.readTree(longUrl[1]);
            assertEquals("uri_too_long", body.get("error").asText());

            String[] bigHeaders = exchange(app.port(), "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                    + "p".repeat(10_000) + "\r\nConnection: close\r\n\r\n");
            assertTrue(bigHeaders[0].contains(" 431 "), bigHeaders[0]);
            assertEquals("headers_too_large", WebServerTest.JSON.readTree(bigHeaders[1]).get("error").asText());

            String[] garbage = exchange(app.port(), "\u0001\u0002 nonsense\r\n\r\n");
            assertTrue(garbage[0].contains(" 400 "), garbage[0]);
            assertEquals("bad_request", WebServerTest.JSON.readTree(garbage[1]).get("error").asText());

            String[] fine = exchange(app.port(), "GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(fine[0].contains(" 200 "), fine[0]);
        } finally {
            app.stop();
        }
    }
}
