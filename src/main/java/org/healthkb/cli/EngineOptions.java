package org.healthkb.cli;

import org.healthkb.Settings;
import org.healthkb.opensearch.OpenSearchTarget;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.List;

/** Where the content lives: {@code --engine} and the OpenSearch cluster's address, shared by the commands that take them. */
final class EngineOptions {
    enum Engine { lucene, opensearch }

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "lucene",
            description = "where the content lives: lucene (the embedded index in --index, the default) or opensearch"
                    + " (a cluster at --opensearch-url)")
    Engine engine;
    @Option(names = "--opensearch-url", paramLabel = "URL,...", defaultValue = "${env:KB_OPENSEARCH_URL}", split = ",",
            description = "nodes of the OpenSearch cluster, http:// or https:// (default: $KB_OPENSEARCH_URL); requests"
                    + " go to the first that answers; basic auth from $KB_OPENSEARCH_USER and $KB_OPENSEARCH_PASSWORD, TLS"
                    + " trusted as the JVM's trust store says")
    List<URI> openSearchUrls;
    @Option(names = "--opensearch-prefix", paramLabel = "NAME", defaultValue = "${env:KB_OPENSEARCH_PREFIX:-kb}",
            description = "the indexes' and aliases' prefix in the cluster, so it can hold several knowledge bases"
                    + " (default: kb)")
    String openSearchPrefix;

    /** {@code settings} pointed at the chosen engine. */
    Settings applyTo(Settings settings) {
        return settings.withOpenSearch(target());
    }

    /** The OpenSearch cluster chosen, or null for the embedded index; a usage mistake when it has no address. */
    OpenSearchTarget target() {
        if (engine != Engine.opensearch) {
            return null;
        }
        if (openSearchUrls == null || openSearchUrls.isEmpty()) {
            throw new UsageException("--engine opensearch needs --opensearch-url URL (or KB_OPENSEARCH_URL)");
        }
        try {
            return new OpenSearchTarget(openSearchUrls, System.getenv("KB_OPENSEARCH_USER"),
                    System.getenv("KB_OPENSEARCH_PASSWORD"), openSearchPrefix);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
