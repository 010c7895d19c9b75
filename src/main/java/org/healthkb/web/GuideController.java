package org.healthkb.web;

import io.javalin.http.Context;
import org.healthkb.search.GuidePage;
import org.healthkb.search.GuideSummary;
import org.healthkb.search.SearchService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The reader's guide pages. A guide page is the imported body, whose elements carry exactly the
 * anchors search hits link to; text from records is inserted as text, never as markup.
 */
final class GuideController {
    private final SearchService search;
    private final String template;

    GuideController(SearchService search) {
        this.search = search;
        this.template = resource("/templates/page.html");
    }

    void list(Context ctx) {
        Document page = page("Guides", "Every guide in the knowledge base.");
        Element main = page.getElementById("content");
        main.appendElement("h1").text("Guides");
        Element list = main.appendElement("ul").addClass("guide-list");
        for (GuideSummary guide : search.guides()) {
            Element item = list.appendElement("li");
            item.appendElement("a").attr("href", "/guides/" + guide.slug()).text(guide.title());
            if (!guide.description().isEmpty()) {
                item.appendElement("p").text(guide.description());
            }
        }
        html(ctx, 200, page);
    }

    void one(Context ctx) {
        String slug = ctx.pathParam("slug");
        Optional<GuidePage> guide = search.guide(slug);
        if (guide.isEmpty()) {
            notFound(ctx, "There is no guide at /guides/" + slug + ".");
            return;
        }
        Document page = page(guide.get().title(), guide.get().description());
        page.getElementById("content").appendElement("article").addClass("guide").html(guide.get().html());
        html(ctx, 200, page);
    }

    /** The page for any unknown address outside the API. */
    void notFound(Context ctx, String message) {
        Document page = page("Not found", message);
        Element main = page.getElementById("content");
        main.appendElement("h1").text("Not found");
        main.appendElement("p").text(message);
        main.appendElement("p").appendElement("a").attr("href", "/guides").text("See all guides");
        html(ctx, 404, page);
    }

    private Document page(String title, String description) {
        Document page = Jsoup.parse(template);
        page.title(title + " \u2013 Health guides");
        page.selectFirst("meta[name=description]").attr("content", description);
        return page;
    }

    private static void html(Context ctx, int status, Document page) {
        if (status >= 400) {
            ctx.attribute(WebServer.ERROR_RENDERED, true);
        }
        ctx.status(status).contentType("text/html; charset=utf-8").result(page.outerHtml());
    }

    static String resource(String path) {
        try (InputStream in = GuideController.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
