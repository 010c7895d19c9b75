package org.healthkb.search;

/** Hybrid ranking was asked of an index whose passages have no vectors from this embedding model. */
public final class SearchModeUnavailableException extends RuntimeException {
    SearchModeUnavailableException(String message) {
        super(message);
    }
}
