package org.healthkb.search;

import java.util.List;

/**
 * A guide ready to render.
 *
 * @param slug        its slug
 * @param title       its title
 * @param description its meta description, or empty
 * @param html        sanitised body HTML whose elements carry the passages' anchors
 * @param passages    how many passages it has
 * @param links       slugs of guides it links to
 */
public record GuidePage(String slug, String title, String description, String html, int passages, List<String> links) {
}
