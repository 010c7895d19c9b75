package org.healthkb.index;

/**
 * Every field name in the index, with why it is indexed the way it is. One index holds three kinds
 * of document (guides, passages, providers) so that one commit covers a whole import: readers see
 * all of the previous content or all of the new, never a mix.
 */
public final class Fields {
    private Fields() {
    }

    /** StringField: guide, passage or provider; every search filters on it, so it is an exact, untokenised term. */
    public static final String TYPE = "type";
    /** StringField, stored, and sorted doc values: the stable unique key for updates and the deterministic tie-break. */
    public static final String ID = "id";
    /** StringField, stored: the corpus file a document came from; an incremental import deletes by it. */
    public static final String SOURCE = "source";
    /** StringField, stored: the guide's slug, to fetch all passages of one guide. */
    public static final String SLUG = "slug";

    /** TextField (English), stored: the guide title; a match here says the whole guide is about the term. */
    public static final String TITLE = "title";
    /** TextField (English): the headings above a passage (below the title); a match says the section is about it. */
    public static final String HEADINGS = "headings";
    /**
     * TextField (English): the guide title, the passage's headings and its text together, the main BM25
     * field. Scoring one combined field gives every term one document frequency (Anserini's "flat"
     * setup, a benchmark document's title being its heading); title and headings then add their own
     * boosts. The title is in because a passage is read in its guide's context, as passage retrieval
     * usually does (the document title before each passage): across guides a title word tells which
     * guide is about it, and within one guide it occurs in every passage, so its IDF falls to nearly
     * nothing and the other words of the question decide ("ketamine dose" in the ketamine guide is
     * decided by "dose", not by passages that repeat "ketamine").
     */
    public static final String ALL = "all";
    /** TextField, unstemmed lower case: the words readers actually type, for "did you mean" and suggestions. */
    public static final String SPELL = "spell";
    /** StringField: the passage's own heading, normalised, so a query equal to a heading can rank that section first. */
    public static final String HEADING_EXACT = "heading_exact";
    /**
     * Float vector (unit length, dot product, HNSW graph): the passage's meaning as the embedding model
     * sees its headings and text, for finding answers that share no words with the question.
     */
    public static final String VECTOR = "vector";
    /** Sorted doc values: slug and section anchor, read per hit to keep one section from filling a page. */
    public static final String SECTION_KEY = "section_key";

    /** Stored only: passage plain text, shown in results and re-analysed by the highlighter. */
    public static final String TEXT = "text";
    /** Stored only, one value per level: the heading path shown as a breadcrumb. */
    public static final String HEADING_PATH = "heading_path";
    /** Stored only: the anchor of the passage's section. */
    public static final String SECTION = "section";
    /** Stored only: the passage's own anchor for deep links. */
    public static final String ANCHOR = "anchor";
    /** Stored only: a guide's title on its guide document (passages index theirs in {@link #TITLE}). */
    public static final String GUIDE_TITLE = "guide_title";
    /** Stored only: a guide's meta description. */
    public static final String DESCRIPTION = "description";
    /** Stored only: a guide's sanitised body HTML with passage anchors, rendered as the guide page. */
    public static final String HTML = "html";
    /** Stored only, multi-valued: slugs of guides a guide links to. */
    public static final String LINKS = "links";
    /** Stored on a guide: what the import's corpus-wide checks need from it, as the importer wrote it (JSON). */
    public static final String CHECKS = "checks";

    /** Stored, sorted doc values (lower case): a provider's name, for display and alphabetical sorting. */
    public static final String NAME = "name";
    public static final String NAME_SORT = "name_sort";
    /** TextField (English): a provider's name, notes and facet values, for the provider search box. */
    public static final String PROVIDER_TEXT = "provider_text";
    /** Sorted-set doc values facet dimension (and stored): dose flexibility label. */
    public static final String DOSE_FLEXIBILITY = "doseFlexibility";
    /** Sorted-set doc values facet dimension (and stored): TRD suitability label. */
    public static final String TRD_SUITABILITY = "trdSuitability";
    /** Numeric doc values: TRD suitability as a rank (Excellent 4 .. Limited 1), for sorting by the label's order. */
    public static final String SUITABILITY_RANK = "suitability_rank";
    /**
     * DoublePoint for range filters, double doc values for range facets and price sorting, stored for display.
     * Absent when the guide states no price: an unknown price is never counted in a price range.
     */
    public static final String MONTHLY_PRICE = "monthly_price";
    /** Stored only: the rest of a provider record, shown as is. */
    public static final String NOTES = "notes";
    public static final String CONSULTATION_FEE = "consultation_fee";
    public static final String DOSE_CAP = "dose_cap";
    public static final String ONGOING = "ongoing_treatment";
    /** Stored only, one value per plan in the same order in all three: a provider's priced plans. */
    public static final String PLAN_NAME = "plan_name";
    public static final String PLAN_PRICE = "plan_price";
    public static final String PLAN_MONTHS = "plan_months";

    public static final String TYPE_GUIDE = "guide";
    public static final String TYPE_PASSAGE = "passage";
    public static final String TYPE_PROVIDER = "provider";
}
