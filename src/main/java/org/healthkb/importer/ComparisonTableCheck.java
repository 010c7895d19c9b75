package org.healthkb.importer;

import org.healthkb.importer.GuideChecks.ComparisonRow;
import org.healthkb.content.Provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares every provider comparison table with the provider records, so the table a reader sees
 * and the facets they filter by cannot drift apart unnoticed.
 */
final class ComparisonTableCheck {
    private final Map<String, Provider> byName;
    private final Map<String, String> sources;

    ComparisonTableCheck(List<Provider> providers, Map<String, String> sources) {
        this.byName = providers.stream().collect(Collectors.toMap(
                p -> p.name().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        this.sources = sources;
    }

    List<Problem> check(String guideSource, List<ComparisonRow> rows) {
        List<Problem> warnings = new ArrayList<>();
        for (ComparisonRow row : rows) {
            Provider provider = byName.get(row.provider().toLowerCase(Locale.ROOT));
            if (provider == null) {
                warnings.add(Problem.atLine(guideSource, row.line(),
                        "the table names provider '" + row.provider() + "' but no provider record has that name"));
                continue;
            }
            compare(guideSource, row, provider, "Dose Flexibility", provider.doseFlexibility().label(), warnings);
            compare(guideSource, row, provider, "TRD Suitability", provider.trdSuitability().label(), warnings);
            compare(guideSource, row, provider, "Notes", provider.notes(), warnings);
        }
        return warnings;
    }

    private void compare(String guideSource, ComparisonRow row, Provider provider, String column, String recorded,
                         List<Problem> warnings) {
        String shown = row.cells().get(column);
        if (shown != null && !Objects.equals(shown, recorded)) {
            warnings.add(Problem.atLine(guideSource, row.line(), "the table says " + column + " '" + shown + "' for "
                    + provider.name() + " but " + sources.get(provider.id()) + " says '" + recorded + "'"));
        }
    }
}
