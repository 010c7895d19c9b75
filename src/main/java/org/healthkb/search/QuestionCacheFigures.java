package org.healthkb.search;

/**
 * How the cache of question embeddings serves.
 *
 * @param entries    questions held now
 * @param maxEntries most it holds
 * @param maxBytes   most memory it takes
 * @param hits       questions answered from it since the server started
 * @param misses     questions embedded since the server started
 * @param hitRate    hits as a share of all lookups (1 before the first)
 * @param evictions  questions dropped to stay within its bounds
 */
public record QuestionCacheFigures(long entries, int maxEntries, long maxBytes, long hits, long misses, double hitRate,
                                   long evictions) {
}
