package org.healthkb.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.healthkb.content.DoseFlexibility;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.healthkb.content.Plan;
import org.healthkb.content.Provider;
import org.healthkb.content.TrdSuitability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Maps the shared records to Lucene documents and back. The field choices are explained in {@link Fields}. */
public final class Documents {
    private final FacetsConfig facetsConfig;

    public Documents(FacetsConfig facetsConfig) {
        this.facetsConfig = facetsConfig;
    }

    /**
     * A guide document, for listing and rendering and with the import's {@code checks} of it (none
     * when null), followed by one document per passage with its vector (if any: null for none).
     */
    public List<Document> guide(Guide guide, List<float[]> vectors, String checks) {
        List<Document> docs = new ArrayList<>();
        Document doc = new Document();
        doc.add(new StringField(Fields.TYPE, Fields.TYPE_GUIDE, Field.Store.NO));
        addId(doc, guide.slug());
        doc.add(new StringField(Fields.SOURCE, guide.source(), Field.Store.YES));
        doc.add(new StringField(Fields.SLUG, guide.slug(), Field.Store.YES));
        doc.add(new StoredField(Fields.GUIDE_TITLE, guide.title()));
        doc.add(new StoredField(Fields.DESCRIPTION, guide.description()));
        doc.add(new StoredField(Fields.HTML, guide.html()));
        guide.guideLinks().forEach(link -> doc.add(new StoredField(Fields.LINKS, link)));
        if (checks != null) {
            doc.add(new StoredField(Fields.CHECKS, checks));
        }
        docs.add(doc);
        for (int i = 0; i < guide.passages().size(); i++) {
            docs.add(passage(guide.passages().get(i), guide.source(), vectors.get(i)));
        }
        return docs;
    }

    public Document passage(Passage passage, String source, float[] vector) {
        Document doc = new Document();
        doc.add(new StringField(Fields.TYPE, Fields.TYPE_PASSAGE, Field.Store.NO));
        addId(doc, passage.id());
        doc.add(new StringField(Fields.SOURCE, source, Field.Store.YES));
        doc.add(new StringField(Fields.SLUG, passage.guideSlug(), Field.Store.YES));
        String headings = String.join("\n", passage.sectionHeadings());
        doc.add(new TextField(Fields.TITLE, passage.guideTitle(), Field.Store.YES));
        doc.add(new TextField(Fields.HEADINGS, headings, Field.Store.NO));
        String all = String.join("\n", passage.guideTitle(), headings, passage.text()).strip();
        doc.add(new TextField(Fields.ALL, all, Field.Store.NO));
        doc.add(new TextField(Fields.SPELL, all, Field.Store.NO));
        if (!passage.sectionHeadings().isEmpty()) {
            doc.add(new StringField(Fields.HEADING_EXACT, normaliseHeading(passage.sectionHeadings().getLast()), Field.Store.NO));
        }
        if (vector != null) {
            doc.add(new KnnFloatVectorField(Fields.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        }
        String sectionKey = passage.guideSlug() + "#" + nullToEmpty(passage.sectionAnchor());
        doc.add(new SortedDocValuesField(Fields.SECTION_KEY, new BytesRef(sectionKey)));
        doc.add(new StoredField(Fields.TEXT, passage.text()));
        passage.headingPath().forEach(h -> doc.add(new StoredField(Fields.HEADING_PATH, h)));
        doc.add(new StoredField(Fields.SECTION, passage.sectionAnchor() == null ? "" : passage.sectionAnchor()));
        doc.add(new StoredField(Fields.ANCHOR, passage.anchor()));
        return doc;
    }

    public Document provider(Provider provider, String source) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(Fields.TYPE, Fields.TYPE_PROVIDER, Field.Store.NO));
        addId(doc, provider.id());
        doc.add(new StringField(Fields.SOURCE, source, Field.Store.YES));
        doc.add(new StoredField(Fields.NAME, provider.name()));
        doc.add(new SortedDocValuesField(Fields.NAME_SORT, new BytesRef(provider.name().toLowerCase(Locale.ROOT))));
        String text = String.join("\n", provider.name(), nullToEmpty(provider.notes()),
                provider.doseFlexibility().label(), provider.trdSuitability().label());
        doc.add(new TextField(Fields.PROVIDER_TEXT, text, Field.Store.NO));
        doc.add(new SortedSetDocValuesFacetField(Fields.DOSE_FLEXIBILITY, provider.doseFlexibility().label()));
        doc.add(new SortedSetDocValuesFacetField(Fields.TRD_SUITABILITY, provider.trdSuitability().label()));
        doc.add(new StoredField(Fields.DOSE_FLEXIBILITY, provider.doseFlexibility().label()));
        doc.add(new StoredField(Fields.TRD_SUITABILITY, provider.trdSuitability().label()));
        doc.add(new NumericDocValuesField(Fields.SUITABILITY_RANK, provider.trdSuitability().rank()));
        if (provider.monthlyPriceUsd() != null) {
            doc.add(new DoublePoint(Fields.MONTHLY_PRICE, provider.monthlyPriceUsd()));
            doc.add(new DoubleDocValuesField(Fields.MONTHLY_PRICE, provider.monthlyPriceUsd()));
            doc.add(new StoredField(Fields.MONTHLY_PRICE, provider.monthlyPriceUsd()));
        }
        storeIfPresent(doc, Fields.NOTES, provider.notes());
        storeIfPresent(doc, Fields.CONSULTATION_FEE, provider.consultationFeeUsd());
        storeIfPresent(doc, Fields.DOSE_CAP, provider.doseCap());
        storeIfPresent(doc, Fields.ONGOING, provider.ongoingTreatment());
        for (Plan plan : provider.plans()) {
            doc.add(new StoredField(Fields.PLAN_NAME, plan.name()));
            doc.add(new StoredField(Fields.PLAN_PRICE, plan.priceUsd()));
            doc.add(new StoredField(Fields.PLAN_MONTHS, plan.billingPeriodMonths()));
        }
        return facetsConfig.build(doc);
    }

    public static Passage toPassage(Document doc) {
        return new Passage(doc.get(Fields.ID), doc.get(Fields.SLUG), doc.get(Fields.TITLE),
                Arrays.asList(doc.getValues(Fields.HEADING_PATH)), doc.get(Fields.SECTION), doc.get(Fields.ANCHOR),
                doc.get(Fields.TEXT));
    }

    public static Provider toProvider(Document doc) {
        List<Plan> plans = plans(doc);
        return new Provider(doc.get(Fields.ID), doc.get(Fields.NAME),
                DoseFlexibility.fromLabel(doc.get(Fields.DOSE_FLEXIBILITY)).orElseThrow(),
                TrdSuitability.fromLabel(doc.get(Fields.TRD_SUITABILITY)).orElseThrow(),
                doc.get(Fields.NOTES), number(doc, Fields.MONTHLY_PRICE), number(doc, Fields.CONSULTATION_FEE),
                bool(doc, Fields.DOSE_CAP), bool(doc, Fields.ONGOING), plans);
    }

    /** Lower case, words only, single spaces: how a heading and a question are compared for an exact match. */
    public static String normaliseHeading(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static void addId(Document doc, String id) {
        doc.add(new StringField(Fields.ID, id, Field.Store.YES));
        doc.add(new SortedDocValuesField(Fields.ID, new BytesRef(id)));
    }

    private static void storeIfPresent(Document doc, String field, Object value) {
        if (value instanceof String s) {
            doc.add(new StoredField(field, s));
        } else if (value instanceof Double d) {
            doc.add(new StoredField(field, d));
        } else if (value instanceof Boolean b) {
            doc.add(new StoredField(field, b.toString()));
        }
    }

    private static Double number(Document doc, String field) {
        IndexableField f = doc.getField(field);
        return f == null ? null : f.numericValue().doubleValue();
    }

    private static Boolean bool(Document doc, String field) {
        String value = doc.get(field);
        return value == null ? null : Boolean.valueOf(value);
    }

    private static List<Plan> plans(Document doc) {
        String[] names = doc.getValues(Fields.PLAN_NAME);
        IndexableField[] prices = doc.getFields(Fields.PLAN_PRICE);
        IndexableField[] months = doc.getFields(Fields.PLAN_MONTHS);
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            plans.add(new Plan(names[i], prices[i].numericValue().doubleValue(), months[i].numericValue().intValue()));
        }
        return plans;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
