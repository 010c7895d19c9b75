package org.healthkb.semantic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Passage vectors kept outside any index, by model and by a hash of the embedded text, so a rebuild
 * into a fresh index folder (a new clone, a deleted {@code index/}, an evaluation's temporary index)
 * embeds only text no earlier import embedded. One append-only file per model; each record carries
 * a checksum, and a record cut short by a crash, or damaged, is skipped, never served. Appends from
 * several processes are serialised by a file lock. A cache is only ever a shortcut: anything it
 * cannot read is embedded again.
 */
public final class VectorCache {
    private static final int KEY_BYTES = 16;
    private static final int CHECKSUM_BYTES = 8;

    private final Path file;
    private Map<Key, float[]> loaded;
    /** Where the intact records end, when a damaged one follows them; -1 when the file read cleanly to its end. */
    private long damagedFrom = -1;

    private VectorCache(Path file) {
        this.file = file;
    }

    /** The cache of {@code model}'s vectors in {@code dir} (created on the first write). */
    public static VectorCache in(Path dir, String model) {
        return new VectorCache(dir.resolve("vectors-" + model.replaceAll("[^A-Za-z0-9._-]", "_") + ".bin"));
    }

    /** The cached vector of each of {@code texts} that has one. */
    public synchronized Map<String, float[]> find(Collection<String> texts) {
        if (texts.isEmpty()) {
            return Map.of();
        }
        Map<Key, float[]> all = loaded();
        Map<String, float[]> found = new HashMap<>();
        for (String text : texts) {
            float[] vector = all.get(Key.of(text));
            if (vector != null) {
                found.put(text, vector);
            }
        }
        return found;
    }

    /** Keeps {@code vectors} (text to vector) for later imports. A cache that cannot be written is only a missed shortcut. */
    public synchronized void add(Map<String, float[]> vectors) {
        Map<Key, float[]> all = loaded();
        Set<Key> fresh = new HashSet<>();
        vectors.forEach((text, vector) -> {
            Key key = Key.of(text);
            if (!all.containsKey(key) && fresh.add(key)) {
                all.put(key, vector);
            }
        });
        if (fresh.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
                if (damagedFrom >= 0) {
                    // Records after a damaged one could never be read: cut it away before appending.
                    channel.truncate(damagedFrom);
                    damagedFrom = -1;
                }
                for (Key key : fresh) {
                    ByteBuffer record = record(key, all.get(key));
                    while (record.hasRemaining()) {
                        channel.write(record);
                    }
                }
            }
        } catch (IOException e) {
            // Next time these texts are embedded again; the import itself is unaffected.
        }
    }

    public Path file() {
        return file;
    }

    private Map<Key, float[]> loaded() {
        if (loaded == null) {
            loaded = read();
        }
        return loaded;
    }

    /** Every intact record of the file: a length that makes no sense or a wrong checksum ends the reading there. */
    private Map<Key, float[]> read() {
        Map<Key, float[]> vectors = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return vectors;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
            while (bytes.remaining() >= Integer.BYTES) {
                int dimensions = bytes.getInt(bytes.position());
                int length = Integer.BYTES + KEY_BYTES + dimensions * Float.BYTES + CHECKSUM_BYTES;
                if (dimensions <= 0 || dimensions > 65_536 || bytes.remaining() < length) {
                    damagedFrom = bytes.position();
                    break;
                }
                byte[] record = new byte[length];
                bytes.get(record);
                ByteBuffer parsed = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
                if (parsed.getLong(length - CHECKSUM_BYTES) != checksum(record, length - CHECKSUM_BYTES)) {
                    damagedFrom = bytes.position() - length;
                    break;
                }
                parsed.position(Integer.BYTES);
                byte[] key = new byte[KEY_BYTES];
                parsed.get(key);
                float[] vector = new float[dimensions];
                parsed.asFloatBuffer().get(vector);
                vectors.put(new Key(key), vector);
            }
            if (damagedFrom < 0 && bytes.hasRemaining()) {
                damagedFrom = bytes.position();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vector cache " + file, e);
        }
        return vectors;
    }

    private static ByteBuffer record(Key key, float[] vector) {
        int length = Integer.BYTES + KEY_BYTES + vector.length * Float.BYTES + CHECKSUM_BYTES;
        ByteBuffer record = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(vector.length).put(key.bytes());
        for (float v : vector) {
            record.putFloat(v);
        }
        record.putLong(checksum(record.array(), length - CHECKSUM_BYTES));
        return record.flip();
    }

    private static long checksum(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    /** The first 16 bytes of the text's SHA-256: collisions are out of reach at any corpus size. */
    private record Key(byte[] bytes) {
        static Key of(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Key(Arrays.copyOf(digest, KEY_BYTES));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
