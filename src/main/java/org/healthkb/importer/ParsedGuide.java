package org.healthkb.importer;

import org.healthkb.content.Guide;

/**
 * A guide read from its file, with what the corpus-wide checks need from it.
 *
 * @param guide  the guide itself
 * @param checks its links, ids, comparison rows and warnings
 */
record ParsedGuide(Guide guide, GuideChecks checks) {
}
