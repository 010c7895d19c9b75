package org.healthkb.content;

import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The size and modification time of every source file as an import read it, and when that read
 * began: the next import trusts the content hash it recorded for a file whose stamp is unchanged,
 * instead of reading the file again, as git trusts its index. A file modified shortly before the
 * read began is never trusted (it could have changed again within the same tick of a coarse
 * file-system clock without changing its stamp), and is read and hashed every time.
 *
 * @param stamps  {@code size:modifiedNanos} by corpus-relative source path
 * @param takenAt when the read that took them began; null when there are none
 */
public record FileStamps(Map<String, String> stamps, Instant takenAt) {
    /** Stamps on a file system with two-second timestamps (FAT) are still told apart after this. */
    static final Duration TOO_RECENT = Duration.ofSeconds(2);

    public static final FileStamps NONE = new FileStamps(Map.of(), null);

    public FileStamps {
        stamps = Map.copyOf(stamps);
    }

    public static String of(BasicFileAttributes attributes) {
        Instant modified = attributes.lastModifiedTime().toInstant();
        return attributes.size() + ":" + modified.getEpochSecond() + "." + modified.getNano();
    }

    /** True when the file at {@code source}, now stamped {@code stamp}, still has the content it had when these were taken. */
    public boolean vouchFor(String source, String stamp) {
        return takenAt != null && stamp.equals(stamps.get(source)) && modified(stamp).isBefore(takenAt.minus(TOO_RECENT));
    }

    private static Instant modified(String stamp) {
        String[] secondsAndNanos = stamp.substring(stamp.indexOf(':') + 1).split("\\.");
        return Instant.ofEpochSecond(Long.parseLong(secondsAndNanos[0]), Long.parseLong(secondsAndNanos[1]));
    }
}
