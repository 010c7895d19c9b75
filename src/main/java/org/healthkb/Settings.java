package org.healthkb;

import org.healthkb.search.Ranking;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a knowledge base is opened with.
 *
 * @param corpusDir  the corpus folder ({@code corpus/} by default)
 * @param indexDir   where the index lives ({@code index/} by default); generated, never committed
 * @param ranking    ranking settings ({@link Ranking#DEFAULT})
 * @param adminToken the bearer token for admin routes, or null to disable them
 */
public record Settings(Path corpusDir, Path indexDir, Ranking ranking, String adminToken) {

    public Settings {
        Objects.requireNonNull(corpusDir, "corpusDir");
        Objects.requireNonNull(indexDir, "indexDir");
        ranking = ranking == null ? Ranking.DEFAULT : ranking;
        adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken;
    }

    public static Settings of(Path corpusDir, Path indexDir) {
        return new Settings(corpusDir, indexDir, Ranking.DEFAULT, null);
    }

    public Settings withAdminToken(String token) {
        return new Settings(corpusDir, indexDir, ranking, token);
    }
}
