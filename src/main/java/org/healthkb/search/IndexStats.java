package org.healthkb.search;

import java.time.Instant;

/**
 * What the served index holds.
 *
 * @param guides      number of guides
 * @param passages    number of passages
 * @param providers   number of provider records
 * @param committedAt when the served commit was made, or null for an empty index
 * @param defaultMode how questions are ranked unless they ask otherwise: hybrid where the passages have vectors
 */
public record IndexStats(int guides, int passages, int providers, Instant committedAt, SearchMode defaultMode) {
}
