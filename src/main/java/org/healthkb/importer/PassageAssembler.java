package org.healthkb.importer;

import org.healthkb.importer.GuideOutline.Block;
import org.healthkb.importer.GuideOutline.Kind;
import org.healthkb.importer.GuideOutline.Section;
import org.healthkb.content.Passage;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Groups a section's blocks into passages and marks the guide's elements with their anchors.
 * A list joins the sentence that introduces it (a paragraph ending in a colon); a fragment shorter
 * than {@link #MIN_WORDS} words cannot answer anything alone, so it joins the next passage of its
 * section, or the previous one when it comes last. Table rows always stand alone.
 */
final class PassageAssembler {
    /** Fewer words than this read as a label or lead-in, not an answer. */
    static final int MIN_WORDS = 8;

    private final String slug;
    private final String title;
    private final Set<String> documentIds;
    private final Set<String> claimed = new HashSet<>();

    /** @param documentIds ids already in the guide, which generated anchors must not reuse */
    PassageAssembler(String slug, String title, Set<String> documentIds) {
        this.slug = slug;
        this.title = title;
        this.documentIds = documentIds;
    }

    List<Passage> passages(Section section) {
        List<List<Block>> groups = mergeShortFragments(joinListIntros(section.blocks()));
        List<Passage> passages = new ArrayList<>();
        int ordinal = 0;
        for (List<Block> group : groups) {
            String anchor = anchorFor(section, group, isRow(group) ? 0 : ++ordinal);
            mark(group, anchor);
            String text = group.stream().map(Block::text).collect(Collectors.joining("\n"));
            passages.add(new Passage(Passage.idOf(slug, anchor), slug, title, section.headingPath(),
                    section.anchor(), anchor, text));
        }
        return passages;
    }

    private static List<List<Block>> joinListIntros(List<Block> blocks) {
        List<List<Block>> groups = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            boolean introducesList = block.kind() == Kind.PARAGRAPH && block.text().strip().endsWith(":")
                    && i + 1 < blocks.size() && blocks.get(i + 1).kind() == Kind.LIST;
            if (introducesList) {
                groups.add(new ArrayList<>(List.of(block, blocks.get(++i))));
            } else {
                groups.add(new ArrayList<>(List.of(block)));
            }
        }
        return groups;
    }

    private static List<List<Block>> mergeShortFragments(List<List<Block>> groups) {
        List<List<Block>> merged = new ArrayList<>(groups);
        for (int i = 0; i < merged.size(); i++) {
            List<Block> group = merged.get(i);
            if (isRow(group) || words(group) >= MIN_WORDS) {
                continue;
            }
            if (i + 1 < merged.size() && !isRow(merged.get(i + 1))) {
                merged.get(i + 1).addAll(0, group);
                merged.remove(i--);
            } else if (i > 0 && !isRow(merged.get(i - 1))) {
                merged.get(i - 1).addAll(group);
                merged.remove(i--);
            }
        }
        return merged;
    }

    private String anchorFor(Section section, List<Block> group, int ordinal) {
        String own = group.getFirst().element().id();
        if (!own.isBlank() && claimed.add(own)) {
            return own;
        }
        String base = ordinal == 0
                ? section.anchor() + "-" + Slugs.of(group.getFirst().firstCell())
                : section.anchor() + "-" + ordinal;
        String anchor = base;
        for (int n = 2; documentIds.contains(anchor) || !claimed.add(anchor); n++) {
            anchor = base + "-" + n;
        }
        return anchor;
    }

    /** The first element carries the id; every element of the passage is tagged so the page can mark them all. */
    private static void mark(List<Block> group, String anchor) {
        for (Block block : group) {
            Element element = block.element();
            element.addClass("passage").attr("data-passage", anchor);
        }
        group.getFirst().element().id(anchor);
    }

    private static boolean isRow(List<Block> group) {
        return group.getFirst().kind() == Kind.ROW;
    }

    private static int words(List<Block> group) {
        return group.stream().mapToInt(b -> b.text().split("\\s+").length).sum();
    }
}
