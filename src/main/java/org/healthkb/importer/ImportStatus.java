package org.healthkb.importer;


import java.time.Instant;
import java.util.List;

/**
 * The outcome of the last import attempt, for the admin status page.
 *
 * @param startedAt  when it started
 * @param durationMs how long it took
 * @param outcome    {@code ok}, {@code invalid} (corpus errors), {@code refused} (shrink guard) or {@code failed}
 * @param report     what changed, when it succeeded
 * @param errors     what was wrong, when it did not
 */
public record ImportStatus(Instant startedAt, long durationMs, String outcome, ImportReport report, List<Problem> errors) {
}
