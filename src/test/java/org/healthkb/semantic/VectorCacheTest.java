package org.healthkb.semantic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorCacheTest {
    private static final float[] ONE = {0.6f, 0.8f, 0f};
    private static final float[] TWO = {0f, 0.6f, 0.8f};

    @TempDir
    Path temp;

    @Test
    void vectorsKeptByOneImportAreFoundByTheNextForTheSameModelOnly() {
        VectorCache.in(temp, "model-a").add(Map.of("synthetic text one", ONE, "synthetic text two", TWO));

        Map<String, float[]> found = VectorCache.in(temp, "model-a").find(List.of("synthetic text one", "text never seen"));
        assertEquals(1, found.size());
        assertArrayEquals(ONE, found.get("synthetic text one"));
        assertTrue(VectorCache.in(temp, "model-b").find(List.of("synthetic text one")).isEmpty(), "another model's are not");
    }

    @Test
    void aRecordCutShortByACrashIsSkippedAndCutAwayBeforeTheNextAppend() throws Exception {
        VectorCache first = VectorCache.in(temp, "model-a");
        first.add(Map.of("synthetic text one", ONE));
        long intact = Files.size(first.file());
        VectorCache.in(temp, "model-a").add(Map.of("synthetic text two", TWO));
        // A crash in the middle of the second record: only part of it reached the disk.
        try (var channel = java.nio.channels.FileChannel.open(first.file(), StandardOpenOption.WRITE)) {
            channel.truncate(intact + 10);
        }

        VectorCache afterCrash = VectorCache.in(temp, "model-a");
        assertEquals(Map.of("synthetic text one", 1), sizes(afterCrash.find(List.of("synthetic text one", "synthetic text two"))));
        afterCrash.add(Map.of("synthetic text three", TWO));

        Map<String, float[]> later = VectorCache.in(temp, "model-a").find(List.of("synthetic text one", "synthetic text three"));
        assertEquals(2, later.size(), "the append after the damaged record is readable");
        assertArrayEquals(TWO, later.get("synthetic text three"));
    }

    @Test
    void aDamagedRecordIsNeverServed() throws Exception {
        VectorCache cache = VectorCache.in(temp, "model-a");
        cache.add(Map.of("synthetic text one", ONE));
        byte[] bytes = Files.readAllBytes(cache.file());
        bytes[Integer.BYTES + 16 + 2] ^= 0x40; // a bit flipped inside the vector
        Files.write(cache.file(), bytes);

        assertTrue(VectorCache.in(temp, "model-a").find(List.of("synthetic text one")).isEmpty());
    }

    private static Map<String, Integer> sizes(Map<String, float[]> vectors) {
        return vectors.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> 1));
    }
}
