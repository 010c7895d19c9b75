package org.healthkb.importer;

import org.healthkb.importer.GuideChecks.GuideLink;
import org.healthkb.content.FileStamps;
import org.healthkb.content.Guide;
import org.healthkb.content.Provider;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
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

        /** The import's passages are committed: all searchable by their words, {@code withoutVectors} of them not yet by meaning. */
        default void passagesSearchable(int passages, int withoutVectors) {
        }
    }

    private final GuideParser guideParser = new GuideParser();
    private final ProviderReader providerReader = new ProviderReader();

    public Corpus read(Path corpusDir) throws CorpusException {
        return read(corpusDir, Progress.NONE);
    }

    /**
     * What the index holds from the files an earlier import read: their hashes and stamps, and each
     * guide's checks. A guide file whose content is as recorded is not parsed again.
     */
    public record Known(Map<String, String> hashes, FileStamps stamps, Map<String, GuideChecks> checks) {
        public static final Known NOTHING = new Known(Map.of(), FileStamps.NONE, Map.of());
    }

    public Corpus read(Path corpusDir, Progress progress) throws CorpusException {
        return read(corpusDir, progress, Known.NOTHING);
    }

    /**
     * Reads the corpus, parsing every provider record and every guide whose content is not as
     * {@code known} records it; the others are checked with their recorded checks, and counted but
     * not returned in {@link Corpus#guides()}.
     */
    public Corpus read(Path corpusDir, Progress progress, Known known) throws CorpusException {
        if (!Files.isDirectory(corpusDir)) {
            throw new CorpusException(new Problem(corpusDir.toString(), "", "the corpus folder does not exist"));
        }
        Instant readAt = Instant.now();
        List<Problem> errors = new ArrayList<>();
        List<Path> guideFiles = list(corpusDir, "guides", ".html", errors);
        List<Path> providerFiles = list(corpusDir, "providers", ".json", errors);
        Counter done = new Counter(progress, guideFiles.size() + providerFiles.size());
        Map<String, String> hashes = new TreeMap<>();
        Map<String, String> stamps = new TreeMap<>();

        Map<String, String> providerSources = new LinkedHashMap<>();
        List<Provider> providers = new ArrayList<>();
        for (Path file : providerFiles) {
            Read read = read(corpusDir, file, (source, content, hash) -> providerReader.read(source, utf8(source, content)));
            read.record(hashes, stamps, errors);
            if (read.parsed() != null) {
                Provider provider = (Provider) read.parsed();
                String earlier = providerSources.putIfAbsent(provider.id(), read.source());
                if (earlier != null) {
                    errors.add(Problem.atField(read.source(), "id", "duplicate id '" + provider.id() + "', also used by " + earlier));
                } else {
                    providers.add(provider);
                }
            }
            done.one();
        }
        List<Guide> guides = new ArrayList<>();
        Map<String, GuideChecks> checks = new TreeMap<>();
        int keptGuides = 0;
        int keptPassages = 0;
        for (Read read : readGuides(corpusDir, guideFiles, known, errors, done)) {
            read.record(hashes, stamps, errors);
            if (read.parsed() instanceof ParsedGuide parsed) {
                guides.add(parsed.guide());
                checks.put(read.source(), parsed.checks());
            } else if (read.parsed() instanceof GuideChecks kept) {
                checks.put(read.source(), kept);
                keptGuides++;
                keptPassages += kept.passages();
            }
        }
        String synonyms = readSynonyms(corpusDir, hashes, stamps, errors);
        if (!errors.isEmpty()) {
            throw new CorpusException(errors);
        }
        List<Problem> warnings = crossCheck(checks, providers, providerSources);
        return new Corpus(guides, providers, providerSources, synonyms, hashes, warnings, new FileStamps(stamps, readAt),
                checks, keptGuides, keptPassages);
    }

    /**
     * The content hash of every source file, without parsing anything: enough to tell whether an
     * index is up to date with the folder. A file whose stamp {@code known} vouches for keeps the
     * hash in {@code knownHashes} unread, so an unchanged corpus of thousands of files is checked in
     * milliseconds. Unreadable files hash to an empty string, so they count as changed.
     */
    public Map<String, String> hashes(Path corpusDir, Map<String, String> knownHashes, FileStamps known) {
        List<Problem> ignored = new ArrayList<>();
        List<Path> files = new ArrayList<>(list(corpusDir, "guides", ".html", ignored));
        files.addAll(list(corpusDir, "providers", ".json", ignored));
        Path synonyms = corpusDir.resolve(Corpus.SYNONYMS_FILE);
        if (Files.exists(synonyms)) {
            files.add(synonyms);
        }
        Map<String, String> hashes = new TreeMap<>();
        for (Path file : files) {
            String source = relative(corpusDir, file);
            try {
                String stamp = stampOf(file);
                String knownHash = knownHashes.get(source);
                hashes.put(source, knownHash != null && known.vouchFor(source, stamp) ? knownHash : sha256(Files.readAllBytes(file)));
            } catch (IOException e) {
                hashes.put(source, "");
            }
        }
        return hashes;
    }

    /** The content hash of every source file, each read. */
    public Map<String, String> hashes(Path corpusDir) {
        return hashes(corpusDir, Map.of(), FileStamps.NONE);
    }

    /** Parses a file's content into a record, or reports what is wrong with it. */
    @FunctionalInterface
    private interface Parser {
        Object parse(String source, byte[] content, String hash) throws CorpusException;
    }

    /** One file read: its stamp (taken before its content) and hash, and what it parsed into or the problems found. */
    private record Read(String source, String stamp, String hash, Object parsed, List<Problem> problems) {
        void record(Map<String, String> hashes, Map<String, String> stamps, List<Problem> errors) {
            if (hash != null) {
                hashes.put(source, hash);
                stamps.put(source, stamp);
            }
            errors.addAll(problems);
        }
    }

    private static Read read(Path corpusDir, Path file, Parser parser) {
        String source = relative(corpusDir, file);
        try {
            // The stamp first: a change after it makes the next import read the file again, never miss it.
            String stamp = stampOf(file);
            byte[] content = Files.readAllBytes(file);
            String hash = sha256(content);
            try {
                return new Read(source, stamp, hash, parser.parse(source, content, hash), List.of());
            } catch (CorpusException e) {
                return new Read(source, stamp, hash, null, e.problems());
            }
        } catch (IOException e) {
            return new Read(source, null, null, null, List.of(new Problem(source, "", "cannot read the file: " + e.getMessage())));
        }
    }

    /**
     * The guides in path order, parsed on every core (Jsoup parsing is most of a keyword import's
     * time), except those {@code known} holds as they are: their recorded checks stand in for them.
     */
    private List<Read> readGuides(Path corpusDir, List<Path> files, Known known, List<Problem> errors, Counter done) {
        Map<String, String> slugSources = new HashMap<>();
        List<Path> unique = new ArrayList<>();
        for (Path file : files) {
            String source = relative(corpusDir, file);
            String earlier = slugSources.putIfAbsent(slugOf(file), source);
            if (earlier != null) {
                errors.add(new Problem(source, "", "duplicate slug '" + slugOf(file) + "', also used by " + earlier));
            } else {
                unique.add(file);
            }
        }
        return unique.parallelStream().map(file -> {
            Read read = readGuide(corpusDir, file, known);
            done.one();
            return read;
        }).toList();
    }

    private Read readGuide(Path corpusDir, Path file, Known known) {
        String source = relative(corpusDir, file);
        GuideChecks recorded = known.checks().get(source);
        String recordedHash = known.hashes().get(source);
        if (recorded != null && recordedHash != null) {
            try {
                String stamp = stampOf(file);
                if (known.stamps().vouchFor(source, stamp)) {
                    return new Read(source, stamp, recordedHash, recorded, List.of());
                }
            } catch (IOException e) {
                // Read below, which reports it.
            }
        }
        return read(corpusDir, file, (name, content, hash) -> recorded != null && hash.equals(recordedHash) ? recorded
                : guideParser.parse(name, slugOf(file), utf8(name, content)));
    }

    /** Size and modification time, taken before the content is read. */
    private static String stampOf(Path file) throws IOException {
        return FileStamps.of(Files.readAttributes(file, BasicFileAttributes.class));
    }

    /** Files done of all, told to the progress display one at a time whichever thread finishes a file. */
    private static final class Counter {
        private final Progress progress;
        private final int total;
        private int done;

        Counter(Progress progress, int total) {
            this.progress = progress;
            this.total = total;
        }

        synchronized void one() {
            progress.fileDone(++done, total);
        }
    }

    private static String readSynonyms(Path corpusDir, Map<String, String> hashes, Map<String, String> stamps,
                                       List<Problem> errors) {
        Path file = corpusDir.resolve(Corpus.SYNONYMS_FILE);
        if (!Files.exists(file)) {
            return "";
        }
        Read read = read(corpusDir, file, (source, content, hash) -> utf8(source, content));
        read.record(hashes, stamps, errors);
        return read.parsed() == null ? "" : (String) read.parsed();
    }

    private static List<Problem> crossCheck(Map<String, GuideChecks> guides, List<Provider> providers,
                                            Map<String, String> providerSources) {
        Map<String, GuideChecks> bySlug = guides.values().stream().collect(Collectors.toMap(GuideChecks::slug, g -> g));
        ComparisonTableCheck tables = new ComparisonTableCheck(providers, providerSources);
        List<Problem> warnings = new ArrayList<>();
        guides.forEach((source, guide) -> {
            warnings.addAll(guide.warnings());
            for (GuideLink link : guide.links()) {
                GuideChecks target = bySlug.get(link.slug());
                if (target == null) {
                    warnings.add(Problem.atLine(source, link.line(), "link to missing guide '" + link.slug() + "'"));
                } else if (!link.anchor().isEmpty() && !target.ids().contains(link.anchor())) {
                    warnings.add(Problem.atLine(source, link.line(),
                            "link to missing anchor '#" + link.anchor() + "' in guide '" + link.slug() + "'"));
                }
            }
            warnings.addAll(tables.check(source, guide.comparisonRows()));
        });
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
