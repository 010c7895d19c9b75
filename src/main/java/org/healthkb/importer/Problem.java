package org.healthkb.importer;

import java.util.Objects;

/**
 * Something wrong or suspicious in one corpus file.
 *
 * @param file     corpus-relative path, e.g. {@code providers/joyous.json}
 * @param location where in the file: {@code field 'trdSuitability'}, {@code line 12}, or empty
 * @param message  what is wrong, in words a content editor can act on
 */
public record Problem(String file, String location, String message) {

    public Problem {
        Objects.requireNonNull(file, "file");
        location = location == null ? "" : location;
        Objects.requireNonNull(message, "message");
    }

    public static Problem atField(String file, String field, String message) {
        return new Problem(file, "field '" + field + "'", message);
    }

    public static Problem atLine(String file, int line, String message) {
        return new Problem(file, line > 0 ? "line " + line : "", message);
    }

    @Override
    public String toString() {
        return location.isEmpty() ? file + ": " + message : file + ", " + location + ": " + message;
    }
}
