package org.healthkb.importer;

import org.healthkb.importer.GuideOutline.Block;
import org.healthkb.importer.GuideOutline.Kind;
import org.healthkb.importer.GuideOutline.Section;
import org.healthkb.importer.GuideChecks.ComparisonRow;
import org.healthkb.importer.GuideChecks.GuideLink;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.jsoup.Jsoup;
import org.jsoup.safety.Cleaner;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one guide's HTML into passages (see {@link PassageAssembler}) and a sanitised body whose
 * elements carry the passages' anchors. Script, style, navigation and footer never reach either.
 * Thread-safe: holds no state between calls.
 */
public final class GuideParser {
    private static final String NOT_CONTENT = "script, style, nav, footer, noscript, template, iframe, object, embed, form";
    /** {@code /guides/<slug>}, a sibling file {@code <slug>.html}, or {@code #anchor} on the same page. */
    private static final Pattern GUIDE_HREF =
            Pattern.compile("^(?:/guides/([a-z0-9][a-z0-9-]*)/?|(?:\\./)?([a-z0-9][a-z0-9-]*)\\.html|)(?:#(.*))?$");
    private static final Safelist SAFE = Safelist.relaxed()
            .addAttributes(":all", "id", "class", "data-passage")
            .preserveRelativeLinks(true);

    public ParsedGuide parse(String source, String slug, String html) throws CorpusException {
        Document doc = Jsoup.parse(html, "https://kb.invalid/guides/", Parser.htmlParser().setTrackPosition(true));
        doc.select(NOT_CONTENT).remove();
        Element h1 = singleTitle(source, doc);
        String title = h1.text();
        List<Problem> warnings = new ArrayList<>();
        Set<String> ids = documentIds(source, doc, warnings);

        List<Section> sections = GuideOutline.of(doc.body(), h1);
        PassageAssembler assembler = new PassageAssembler(slug, title, ids);
        List<Passage> passages = new ArrayList<>();
        List<ComparisonRow> rows = new ArrayList<>();
        for (Section section : sections) {
            if (section.blocks().isEmpty() && section.heading() != h1) {
                warnings.add(Problem.atLine(source, line(section.heading()),
                        "empty section '" + section.heading().text() + "': a heading with no text under it"));
            }
            passages.addAll(assembler.passages(section));
            rows.addAll(comparisonRows(section));
        }
        ids.addAll(passages.stream().map(Passage::anchor).toList());
        List<GuideLink> links = guideLinks(doc, slug);
        String description = doc.select("meta[name=description]").attr("content").strip();
        String body = safeBody(doc);
        List<String> linked = links.stream().map(GuideLink::slug).filter(s -> !s.equals(slug)).distinct().toList();
        Guide guide = new Guide(slug, source, title, description, body, passages, linked);
        return new ParsedGuide(guide, new GuideChecks(slug, passages.size(), rows, ids, links, warnings));
    }

    /**
     * The body as the guide page shows it: only the safe elements and attributes, cleaned from the
     * parsed document itself (serialising the body and parsing it again cost more than parsing the
     * guide), written out as the author wrote it rather than re-indented.
     */
    private static String safeBody(Document doc) {
        Document clean = new Cleaner(SAFE).clean(doc);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    private static Element singleTitle(String source, Document doc) throws CorpusException {
        List<Element> h1s = doc.body().select("h1");
        if (h1s.isEmpty()) {
            throw new CorpusException(new Problem(source, "", "the guide has no <h1>; every guide needs exactly one title heading"));
        }
        if (h1s.size() > 1) {
            throw new CorpusException(Problem.atLine(source, line(h1s.get(1)),
                    "the guide has " + h1s.size() + " <h1> headings; it needs exactly one"));
        }
        if (h1s.getFirst().text().isBlank()) {
            throw new CorpusException(Problem.atLine(source, line(h1s.getFirst()), "the <h1> is empty"));
        }
        return h1s.getFirst();
    }

    private static Set<String> documentIds(String source, Document doc, List<Problem> warnings) {
        Set<String> ids = new LinkedHashSet<>();
        for (Element element : doc.body().select("[id]")) {
            if (!ids.add(element.id())) {
                warnings.add(Problem.atLine(source, line(element), "duplicate id '" + element.id() + "'"));
            }
        }
        return ids;
    }

    private static List<ComparisonRow> comparisonRows(Section section) {
        List<ComparisonRow> rows = new ArrayList<>();
        for (Block block : section.blocks()) {
            if (block.kind() == Kind.ROW && block.columns().contains("Provider")) {
                Map<String, String> cells = new LinkedHashMap<>();
                List<String> texts = block.element().children().eachText();
                for (int i = 0; i < Math.min(texts.size(), block.columns().size()); i++) {
                    cells.put(block.columns().get(i), texts.get(i));
                }
                rows.add(new ComparisonRow(block.line(), cells));
            }
        }
        return rows;
    }

    private static List<GuideLink> guideLinks(Document doc, String ownSlug) {
        List<GuideLink> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Element a : doc.body().select("a[href]")) {
            String href = a.attr("href").strip();
            Matcher m = GUIDE_HREF.matcher(href);
            if (!href.isEmpty() && m.matches() && seen.add(href)) {
                String target = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : ownSlug;
                links.add(new GuideLink(line(a), target, m.group(3) == null ? "" : m.group(3)));
            }
        }
        return links;
    }

    private static int line(Element element) {
        return element.sourceRange().start().lineNumber();
    }
}
