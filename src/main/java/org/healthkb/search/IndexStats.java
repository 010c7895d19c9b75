package org.healthkb.search;

import java.time.Instant;

/**
 * What the served index holds.
 *
 * @param guides      number of guides
 * @param passages    number of passages
 * @param providers   number of provider records
 * @param committedAt when the served commit was made, or null for an empty index
 */
public record IndexStats(int guides, int passages, int providers, Instant committedAt) {
}
