package org.healthkb.index;

import java.io.IOException;

/** Another process held the index's write lock for longer than an update waits; the message says where and how long. */
public final class WriterBusyException extends IOException {
    public WriterBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
