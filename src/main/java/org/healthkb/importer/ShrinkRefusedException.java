package org.healthkb.importer;

/** An import would delete more than half of the passages or providers and was not allowed to. */
public class ShrinkRefusedException extends Exception {
    public ShrinkRefusedException(String message) {
        super(message);
    }
}
