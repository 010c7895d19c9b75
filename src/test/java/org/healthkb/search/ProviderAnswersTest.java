package org.healthkb.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.healthkb.KnowledgeBase;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.healthkb.index.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which questions ask for a provider, and which passages name one. */
class ProviderAnswersTest {
    @TempDir
    Path temp;

    @Test
    void aQuestionAsksForAProviderWhenItPicksOneByAWordForProviders() {
        for (String question : List.of("which ketamine company should I go with", "best provider for TRD",
                "recommended ketamine clinics", "Top services?", "providers, which is best")) {
            assertTrue(ProviderAnswers.asked(question), question);
        }
        for (String question : List.of("what should I look for in a provider", "do ketamine providers cap doses",
                "which dose is best", "best time to take ketamine", "servicemen and ketamine")) {
            assertFalse(ProviderAnswers.asked(question), question);
        }
    }

    @Test
    void aPassageNamesAProviderByItsNameAsWrittenInTextOrHeadings() throws Exception {
        Path corpus = temp.resolve("corpus");
        TestCorpus.write(corpus, "guides/synthetic.html", TestCorpus.syntheticGuide("Synthetic provider guide", """
                <h2>Timing</h2><p>Effects peak after an hour, and a peaky feeling passes.</p>
                <h2>Sessions</h2><p>Weekly sessions are offered by Peak at home.</p>
                <h2>Peak compared</h2><p>Sessions are weekly.</p>
                """));
        TestCorpus.write(corpus, "providers/peak.json", """
                {"id": "peak", "name": "Peak", "doseFlexibility": "Limited", "trdSuitability": "Moderate",
                 "notes": "SYNTHETIC TEST RECORD"}""");
        try (KnowledgeBase kb = TestKnowledgeBase.indexed(corpus, temp.resolve("index"))) {
            List<String> named = TestKnowledgeBase.indexOf(kb).read(snapshot -> {
                IntPredicate answers = new SnapshotView(snapshot).namesAProvider();
                List<String> anchors = new ArrayList<>();
                TermQuery passages = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE));
                for (ScoreDoc passage : snapshot.search(passages, 10).scoreDocs) {
                    if (answers.test(passage.doc)) {
                        anchors.add(snapshot.getIndexReader().storedFields().document(passage.doc).get(Fields.ANCHOR));
                    }
                }
                return anchors.stream().sorted().toList();
            });
            assertEquals(List.of("peak-compared-1", "sessions-1"), named,
                    "the word \"peak\" is not the provider Peak, nor is \"peaky\"");
        }
    }
}
