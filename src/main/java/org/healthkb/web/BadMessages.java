package org.healthkb.web;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Requests Jetty refuses before any route sees them (a URL or headers over {@link #MAX_HEADER_BYTES}:
 * 414 and 431; a request that is not HTTP: 400) get the API's JSON error shape instead of Jetty's
 * HTML page, so a client reads them as it reads every other error.
 */
final class BadMessages extends ErrorHandler {
    /** Request line and headers together; Jetty's default, stated here because the API promises it. */
    static final int MAX_HEADER_BYTES = 8192;

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return body(status, reason);
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, body(status, message), callback);
    }

    private static ByteBuffer body(int status, String reason) {
        String code = switch (status) {
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 400 -> "bad_request";
            default -> "http_" + status;
        };
        String message = switch (status) {
            case 414 -> "the URL is longer than this server accepts (" + MAX_HEADER_BYTES + " bytes with the headers)";
            case 431 -> "the request's headers are larger than this server accepts (" + MAX_HEADER_BYTES + " bytes)";
            default -> status == 400 ? "the request is not valid HTTP" + (reason == null ? "" : ": " + Neutral.text(reason))
                    : "the server could not answer this request" + (reason == null ? "" : ": " + Neutral.text(reason));
        };
        return ByteBuffer.wrap(("{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
