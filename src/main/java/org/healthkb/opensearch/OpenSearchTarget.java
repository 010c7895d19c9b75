package org.healthkb.opensearch;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Which OpenSearch cluster holds the content, and under which names.
 *
 * @param urls     nodes of the cluster, {@code http://} or {@code https://} (TLS trusts what the JVM's trust
 *                 store trusts): requests go to the first that answers, so naming several survives losing one
 * @param user     basic-auth user, or null for none (a managed cluster usually needs one)
 * @param password basic-auth password, with {@code user}
 * @param prefix   the indexes' and aliases' prefix ({@code kb}), so one cluster can hold several knowledge bases
 */
public record OpenSearchTarget(List<URI> urls, String user, String password, String prefix) {
    public static final String DEFAULT_PREFIX = "kb";
    /** What OpenSearch accepts at the start of an index name, short enough for the generation and kind after it. */
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,40}");

    /** @throws IllegalArgumentException naming what is wrong with the URL or the prefix */
    public OpenSearchTarget {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an OpenSearch cluster needs the URL of at least one node");
        }
        for (URI url : urls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("an OpenSearch URL is http:// or https:// and a host, not " + url);
            }
        }
        prefix = prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix;
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("an OpenSearch prefix is lower-case letters, digits, '-' and '_', starting"
                    + " with a letter or digit, at most 41 characters: not '" + prefix + "'");
        }
        user = user == null || user.isBlank() ? null : user;
    }

    /** One node. */
    public OpenSearchTarget(URI url, String user, String password, String prefix) {
        this(List.of(url), user, password, prefix);
    }

    /** The same cluster under names of their own, for content kept apart (an evaluation's). */
    public OpenSearchTarget withPrefix(String other) {
        return new OpenSearchTarget(urls, user, password, other);
    }

    public OpenSearchClient client() {
        return new OpenSearchClient(urls, user, password);
    }

    @Override
    public String toString() {
        // Never the password: this shows up in messages.
        return urls.stream().map(URI::toString).collect(Collectors.joining(",")) + (user == null ? "" : " as " + user)
                + " (" + prefix + "-*)";
    }
}
