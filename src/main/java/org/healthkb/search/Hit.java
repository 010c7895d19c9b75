package org.healthkb.search;

import java.util.List;

/**
 * One passage that answers a question.
 *
 * @param id          the passage's stable id
 * @param guideSlug   the guide it belongs to
 * @param guideTitle  that guide's title
 * @param headingPath headings above it, outermost first
 * @param url         deep link: {@code /guides/<slug>#<anchor>}
 * @param snippet     its best fragment as HTML: matched words in {@code <mark>}, everything else escaped
 * @param text        its plain text
 * @param score       ranking score; comparable only within one result list
 */
public record Hit(String id, String guideSlug, String guideTitle, List<String> headingPath, String url,
                  String snippet, String text, float score) {
}
