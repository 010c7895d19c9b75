package org.healthkb.cli;

/** A mistake in how a command was called, found after parsing: exits with status 2 and the command's usage. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    /** {@code value} when it lies in {@code [min, max]}; otherwise a usage mistake naming {@code option}. */
    static int within(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
