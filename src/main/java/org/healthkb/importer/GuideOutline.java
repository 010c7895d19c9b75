package org.healthkb.importer;

import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A guide body read as sections of text blocks: every heading starts a section whose heading path
 * is the chain of headings above it, and the paragraphs, lists and table rows below it are its blocks.
 * Containers such as {@code div} and {@code section} are looked through, not treated as blocks.
 */
final class GuideOutline {
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> PARAGRAPHS = Set.of("p", "blockquote", "pre", "figcaption", "address");
    private static final Set<String> LISTS = Set.of("ul", "ol", "dl");
    private static final Set<String> BLOCKS = Set.of("p", "blockquote", "pre", "figcaption", "address", "ul", "ol",
            "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "main", "header", "aside",
            "figure", "details", "summary");

    enum Kind { PARAGRAPH, LIST, ROW }

    /** A run of content: one element, or a table row with the header cells that name its columns. */
    record Block(Kind kind, Element element, List<String> columns) {
        String text() {
            return switch (kind) {
                case PARAGRAPH -> element.text();
                case LIST -> String.join("\n", element.children().eachText());
                case ROW -> rowText();
            };
        }

        private String rowText() {
            List<String> cells = element.children().eachText();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                String column = i < columns.size() ? columns.get(i) : "";
                lines.add(column.isBlank() ? cells.get(i) : column + ": " + cells.get(i));
            }
            return String.join("\n", lines);
        }

        String firstCell() {
            return element.children().isEmpty() ? "" : element.child(0).text();
        }

        int line() {
            return element.sourceRange().start().lineNumber();
        }
    }

    /** The blocks under one heading. */
    record Section(Element heading, String anchor, List<String> headingPath, List<Block> blocks) {
    }

    private final List<Section> sections = new ArrayList<>();
    private final List<Element> openHeadings = new ArrayList<>();

    static List<Section> of(Element body, Element h1) {
        GuideOutline outline = new GuideOutline();
        outline.startSection(h1);
        outline.walk(body);
        return outline.sections;
    }

    private void walk(Element parent) {
        for (Element child : parent.children()) {
            String tag = child.normalName();
            if (HEADINGS.contains(tag)) {
                if (!tag.equals("h1")) {
                    startSection(child);
                }
            } else if (PARAGRAPHS.contains(tag)) {
                addIfText(new Block(Kind.PARAGRAPH, child, List.of()));
            } else if (LISTS.contains(tag)) {
                addIfText(new Block(Kind.LIST, child, List.of()));
            } else if (tag.equals("table")) {
                addTable(child);
            } else if (hasBlockChildren(child)) {
                walk(child);
            } else {
                addIfText(new Block(Kind.PARAGRAPH, child, List.of()));
            }
        }
    }

    private void startSection(Element heading) {
        int level = heading.normalName().charAt(1) - '0';
        openHeadings.removeIf(open -> open.normalName().charAt(1) - '0' >= level);
        openHeadings.add(heading);
        List<String> path = openHeadings.stream().map(Element::text).toList();
        String anchor = heading.id().isBlank() ? Slugs.of(heading.text()) : heading.id();
        sections.add(new Section(heading, anchor, path, new ArrayList<>()));
    }

    private void addTable(Element table) {
        List<String> columns = table.select("thead th, thead td").eachText();
        List<Element> rows = table.select("tr");
        if (columns.isEmpty() && !rows.isEmpty() && rows.getFirst().select("td").isEmpty()) {
            columns = rows.getFirst().children().eachText();
        }
        for (Element row : rows) {
            boolean headerRow = row.parent() != null && row.parent().normalName().equals("thead")
                    || row.select("td").isEmpty();
            if (!headerRow) {
                addIfText(new Block(Kind.ROW, row, columns));
            }
        }
    }

    private void addIfText(Block block) {
        if (!block.element().text().isBlank()) {
            sections.getLast().blocks().add(block);
        }
    }

    private static boolean hasBlockChildren(Element element) {
        return element.children().stream().anyMatch(c -> BLOCKS.contains(c.normalName()) || c.normalName().equals("table"));
    }
}
