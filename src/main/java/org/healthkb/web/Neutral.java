package org.healthkb.web;

/**
 * Text from a request made safe to log or echo: control characters, line and paragraph separators
 * and bidirectional overrides are written as {@code \\uXXXX}, so a question cannot forge a log line
 * or reorder what an operator reads.
 */
final class Neutral {
    private Neutral() {
    }

    static String text(String raw) {
        StringBuilder safe = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        return safe.toString();
    }
}
