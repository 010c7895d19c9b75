package org.healthkb.web;

import io.javalin.Javalin;
import org.healthkb.RealKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Thousands of generated hostile requests against the real guide: no 5xx, always JSON, every 400
 * naming what was wrong. The same fuzzer runs 10,000 requests against MedQuAD in bench/fuzz.sh.
 */
class FuzzIT {
    @RegisterExtension
    static final RealKnowledgeBase REAL = new RealKnowledgeBase();

    @Test
    void generatedHostileRequestsNeverCauseAServerErrorAndEveryRefusalSaysWhy() throws Exception {
        Javalin app = TestServers.create(REAL.kb()).start("127.0.0.1", 0);
        try {
            RequestFuzzer.Report report = new RequestFuzzer("http://127.0.0.1:" + app.port(), 20261129L).run(3_000);
            System.out.printf("FuzzIT: %d requests, %d 5xx, %d refused for overload, %d 400s, slowest %d ms%n",
                    report.requests(), report.fiveHundreds(), report.overloaded(), report.badRequests(), report.slowestMillis());
            assertEquals(0, report.fiveHundreds(), RequestFuzzer.summary(report));
            assertEquals(0, report.unnamedBadRequests(), RequestFuzzer.summary(report));
        } finally {
            app.stop();
        }
    }
}
