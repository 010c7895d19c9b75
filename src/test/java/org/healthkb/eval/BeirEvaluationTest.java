package org.healthkb.eval;

import org.healthkb.TestCorpus;
import org.healthkb.search.Ranking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The BEIR runner on a tiny synthetic collection whose right answers are known. */
class BeirEvaluationTest {
    @TempDir
    Path temp;

    @Test
    void ranksJudgedDocumentsAndBreaksTiesById() throws Exception {
        Path dir = temp.resolve("synthetic-beir");
        TestCorpus.write(dir, "corpus.jsonl", """
                {"_id": "d1", "title": "Synthetic vitamin D", "text": "Synthetic abstract on vitamin D and bone density."}
                {"_id": "d2", "title": "Synthetic sleep", "text": "Synthetic abstract on sleep and memory in adults."}
                {"_id": "d3", "title": "Synthetic iron", "text": "Synthetic abstract on iron and fatigue."}
                {"_id": "d0", "title": "Synthetic iron", "text": "Synthetic abstract on iron and fatigue."}
                """);
        TestCorpus.write(dir, "queries.jsonl", """
                {"_id": "q1", "text": "vitamin D bones"}
                {"_id": "q2", "text": "iron fatigue"}
                {"_id": "q3", "text": "unjudged query"}
                """);
        TestCorpus.write(dir, "qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t2\nq2\td3\t1\n");
        BeirCollection collection = BeirCollection.load(dir, "test");
        assertEquals(2, collection.queries().size(), "only judged queries run");
        BeirEvaluation.Result result = BeirEvaluation.run(collection, "test", Ranking.DEFAULT);
        // q1 finds d1 first (nDCG 1); q2's tie between identical d0 and d3 goes to d0 by id, so d3 is second.
        double q2 = (1 / (Math.log(3) / Math.log(2))) / 1.0;
        assertEquals((1.0 + q2) / 2, result.ndcg10(), 1e-6);
        assertEquals(1.0, result.recall100(), 1e-9);
        assertEquals(0.5, result.success1(), 1e-9, "q1's answer is first, q2's second");
        assertEquals(0.75, result.mrr10(), 1e-9);
    }
}
