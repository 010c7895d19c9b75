package org.healthkb.importer;

import java.util.List;
import java.util.stream.Collectors;

/** The corpus cannot be imported; {@link #problems()} names every file and field at fault. */
public class CorpusException extends Exception {
    private final List<Problem> problems;

    public CorpusException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public CorpusException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
