package org.healthkb.search;

/** A guide in a listing: slug, title and description. */
public record GuideSummary(String slug, String title, String description) {
}
