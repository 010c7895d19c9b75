package org.healthkb.importer;

import org.healthkb.importer.ParsedGuide.GuideLink;
import org.healthkb.passage.Guide;
import org.healthkb.passage.Provider;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a corpus folder: {@code guides/**.html}, {@code providers/**.json} and an optional
 * {@code synonyms.txt}. Every file is read and checked before anything is returned, and all errors
 * are reported together, so an editor can fix a whole batch at once.
 */
public final class CorpusReader {
    /** Told after each file, and then as passages are embedded, for progress display. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void fileDone(int done, int total);

        default void passagesEmbedded(int done, int total) {
        }
    }

    private final GuideParser guideParser = new GuideParser();
    private final ProviderReader providerReader = new ProviderReader();

    public Corpus read(Path corpusDir) throws CorpusException {
        return read(corpusDir, Progress.NONE);
    }

    public Corpus read(Path corpusDir, Progress progress) throws CorpusException {
        if (!Files.isDirectory(corpusDir)) {
            throw new CorpusException(new Problem(corpusDir.toString(), "", "the corpus folder does not exist"));
        }
        List<Problem> errors = new ArrayList<>();
        List<Path> guideFiles = list(corpusDir, "guides", ".html", errors);
        List<Path> providerFiles = list(corpusDir, "providers", ".json", errors);
        int total = guideFiles.size() + providerFiles.size();
        Map<String, String> hashes = new TreeMap<>();

        Map<String, String> providerSources = new LinkedHashMap<>();
        List<Provider> providers = new ArrayList<>();
        int done = 0;
        for (Path file : providerFiles) {
            String source = relative(corpusDir, file);
            readProvider(file, source, hashes, providerSources, providers, errors);
            progress.fileDone(++done, total);
        }
        List<ParsedGuide> parsed = new ArrayList<>();
        Map<String, String> slugSources = new HashMap<>();
        for (Path file : guideFiles) {
            String source = relative(corpusDir, file);
            readGuide(file, source, hashes, slugSources, parsed, errors);
            progress.fileDone(++done, total);
        }
        String synonyms = readSynonyms(corpusDir, hashes, errors);
        if (!errors.isEmpty()) {
            throw new CorpusException(errors);
        }
        List<Problem> warnings = crossCheck(parsed, providers, providerSources);
        List<Guide> guides = parsed.stream().map(ParsedGuide::guide).toList();
        return new Corpus(guides, providers, providerSources, synonyms, hashes, warnings);
    }

    /**
     * The content hash of every source file, without parsing anything: enough to tell whether an
     * index is up to date with the folder. Unreadable files hash to an empty string, so they count as changed.
     */
    public Map<String, String> hashes(Path corpusDir) {
        List<Problem> ignored = new ArrayList<>();
        List<Path> files = new ArrayList<>(list(corpusDir, "guides", ".html", ignored));
        files.addAll(list(corpusDir, "providers", ".json", ignored));
        Path synonyms = corpusDir.resolve(Corpus.SYNONYMS_FILE);
        if (Files.exists(synonyms)) {
            files.add(synonyms);
        }
        Map<String, String> hashes = new TreeMap<>();
        for (Path file : files) {
            try {
                hashes.put(relative(corpusDir, file), sha256(Files.readAllBytes(file)));
            } catch (IOException e) {
                hashes.put(relative(corpusDir, file), "");
            }
        }
        return hashes;
    }

    private void readProvider(Path file, String source, Map<String, String> hashes,
                              Map<String, String> providerSources, List<Provider> providers, List<Problem> errors) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            hashes.put(source, sha256(bytes));
            Provider provider = providerReader.read(source, utf8(source, bytes));
            String earlier = providerSources.putIfAbsent(provider.id(), source);
            if (earlier != null) {
                errors.add(Problem.atField(source, "id", "duplicate id '" + provider.id() + "', also used by " + earlier));
            } else {
                providers.add(provider);
            }
        } catch (IOException e) {
            errors.add(new Problem(source, "", "cannot read the file: " + e.getMessage()));
        } catch (CorpusException e) {
            errors.addAll(e.problems());
        }
    }

    private void readGuide(Path file, String source, Map<String, String> hashes, Map<String, String> slugSources,
                           List<ParsedGuide> parsed, List<Problem> errors) {
        String slug = slugOf(file);
        String earlier = slugSources.putIfAbsent(slug, source);
        if (earlier != null) {
            errors.add(new Problem(source, "", "duplicate slug '" + slug + "', also used by " + earlier));
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            hashes.put(source, sha256(bytes));
            parsed.add(guideParser.parse(source, slug, utf8(source, bytes)));
        } catch (IOException e) {
            errors.add(new Problem(source, "", "cannot read the file: " + e.getMessage()));
        } catch (CorpusException e) {
            errors.addAll(e.problems());
        }
    }

    private static String readSynonyms(Path corpusDir, Map<String, String> hashes, List<Problem> errors) {
        Path file = corpusDir.resolve(Corpus.SYNONYMS_FILE);
        if (!Files.exists(file)) {
            return "";
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            hashes.put(Corpus.SYNONYMS_FILE, sha256(bytes));
            return utf8(Corpus.SYNONYMS_FILE, bytes);
        } catch (IOException e) {
            errors.add(new Problem(Corpus.SYNONYMS_FILE, "", "cannot read the file: " + e.getMessage()));
        } catch (CorpusException e) {
            errors.addAll(e.problems());
        }
        return "";
    }

    private static List<Problem> crossCheck(List<ParsedGuide> parsed, List<Provider> providers,
                                            Map<String, String> providerSources) {
        Map<String, ParsedGuide> bySlug = parsed.stream()
                .collect(Collectors.toMap(p -> p.guide().slug(), p -> p));
        ComparisonTableCheck tables = new ComparisonTableCheck(providers, providerSources);
        List<Problem> warnings = new ArrayList<>();
        for (ParsedGuide guide : parsed) {
            String source = guide.guide().source();
            warnings.addAll(guide.warnings());
            for (GuideLink link : guide.links()) {
                ParsedGuide target = bySlug.get(link.slug());
                if (target == null) {
                    warnings.add(Problem.atLine(source, link.line(), "link to missing guide '" + link.slug() + "'"));
                } else if (!link.anchor().isEmpty() && !target.ids().contains(link.anchor())) {
                    warnings.add(Problem.atLine(source, link.line(),
                            "link to missing anchor '#" + link.anchor() + "' in guide '" + link.slug() + "'"));
                }
            }
            warnings.addAll(tables.check(source, guide.comparisonRows()));
        }
        return warnings;
    }

    private static List<Path> list(Path corpusDir, String folder, String extension, List<Problem> errors) {
        Path dir = corpusDir.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> !Files.isDirectory(f))
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            errors.add(new Problem(folder, "", "cannot list the folder: " + e.getMessage()));
            return List.of();
        }
    }

    static String slugOf(Path file) {
        String name = file.getFileName().toString();
        return Slugs.of(name.substring(0, name.length() - ".html".length()));
    }

    private static String relative(Path corpusDir, Path file) {
        return corpusDir.relativize(file).toString().replace('\\', '/');
    }

    private static String utf8(String source, byte[] bytes) throws CorpusException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CorpusException(new Problem(source, "", "the file is not valid UTF-8 text"));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Sources whose content differs between two hash maps: added, changed or removed. */
    public static Set<String> changedSources(Map<String, String> before, Map<String, String> after) {
        return Stream.concat(before.keySet().stream(), after.keySet().stream())
                .filter(source -> !Objects.equals(before.get(source), after.get(source)))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
