package org.healthkb.importer;

/** Another import is running, in this process or another; imports are serialised, never concurrent. */
public class ImportBusyException extends Exception {
    public ImportBusyException() {
        super("another import is running; try again when it has finished");
    }

    public ImportBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
