package org.healthkb.opensearch;

import java.io.IOException;

/** OpenSearch refused a request; the message says what it answered. */
public final class OpenSearchException extends IOException {
    public OpenSearchException(String message) {
        super(message);
    }
}
