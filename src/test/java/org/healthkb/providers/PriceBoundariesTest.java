package org.healthkb.providers;

import org.healthkb.FakeEmbedder;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.importer.CorpusReader;
import org.healthkb.content.Provider;
import org.healthkb.importer.ImportOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The price facet's counts, the price filter and the page's "up to" choices agree at every boundary:
 * synthetic providers priced exactly on and just off each limit.
 */
class PriceBoundariesTest {
    @TempDir
    Path temp;

    private static final List<Double> PRICES = List.of(0.0, 99.99, 100.0, 100.01, 149.5, 150.0, 150.01, 200.0, 200.01, 999.0);

    @Test
    void rangesCountWhatTheUpToFilterReturnsAtEachLimit() throws Exception {
        Path corpus = TestCorpus.copy(temp);
        for (int i = 0; i < PRICES.size(); i++) {
            TestCorpus.write(corpus, "providers/synthetic-" + i + ".json", """
                    {"id": "synthetic-%d", "name": "Synthetic Provider %d (test data)", "doseFlexibility": "Moderate",
                     "trdSuitability": "Moderate", "notes": "SYNTHETIC TEST RECORD", "monthlyPriceUsd": %s}
                    """.formatted(i, i, PRICES.get(i)));
        }
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(corpus, temp.resolve("index")), new FakeEmbedder())) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            ProviderResults all = kb.providers().search(ProviderQuery.all());
            for (double limit : List.of(100.0, 150.0, 200.0)) {
                int counted = all.monthlyPrice().stream().filter(r -> r.maxUsd() <= limit).mapToInt(ProviderResults.RangeCount::count).sum();
                ProviderResults upTo = kb.providers().search(new ProviderQuery("", Set.of(), Set.of(), null, limit, ProviderSort.PRICE));
                long expected = all.providers().stream().filter(p -> p.monthlyPriceUsd() != null && p.monthlyPriceUsd() <= limit).count();
                assertEquals(expected, upTo.total(), "the filter up to $" + limit);
                assertEquals(expected, counted, "the ranges up to $" + limit + ": " + all.monthlyPrice());
                upTo.providers().stream().map(Provider::monthlyPriceUsd).forEach(price -> assertEquals(true, price <= limit));
            }
            assertEquals("[Up to $100: 3, Over $100, up to $150: 4, Over $150, up to $200: 2, Over $200: 2]",
                    all.monthlyPrice().stream().map(r -> r.range() + ": " + r.count()).toList().toString(),
                    "$0, 99.99, 100 | 100.01, 124 (Kalm Health), 149.5, 150 | 150.01, 200 | 200.01, 999");
        }
    }
}
