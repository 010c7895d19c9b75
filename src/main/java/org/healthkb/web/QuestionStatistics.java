package org.healthkb.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What readers asked since the server started, for the admin status: how many questions, how many
 * found nothing (and the latest of those, for editors to see what is missing), how many were cut to
 * the term budget or answered partially for lack of time. Question text is neutralised before it is
 * kept or logged. Thread-safe.
 */
final class QuestionStatistics {
    /** Questions that found nothing, kept for the status: the latest this many, each once. */
    static final int RECENT = 20;

    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong foundNothing = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicLong partial = new AtomicLong();
    private final Deque<String> recentFoundNothing = new ArrayDeque<>();

    /** The figures as the admin status shows them. */
    record Figures(long asked, long foundNothing, long truncated, long partial, List<String> recentFoundNothing) {
    }

    void record(String question, boolean nothingFound, boolean wasTruncated, boolean wasPartial) {
        asked.incrementAndGet();
        if (wasTruncated) {
            truncated.incrementAndGet();
        }
        if (wasPartial) {
            partial.incrementAndGet();
        }
        if (nothingFound) {
            foundNothing.incrementAndGet();
            String shown = Neutral.text(question);
            synchronized (recentFoundNothing) {
                recentFoundNothing.remove(shown);
                recentFoundNothing.addFirst(shown);
                if (recentFoundNothing.size() > RECENT) {
                    recentFoundNothing.removeLast();
                }
            }
        }
    }

    Figures figures() {
        synchronized (recentFoundNothing) {
            return new Figures(asked.get(), foundNothing.get(), truncated.get(), partial.get(), List.copyOf(recentFoundNothing));
        }
    }
}
