package org.healthkb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line words split into positional arguments, {@code --option value} pairs and {@code --flag}s. */
final class Arguments {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    /**
     * @param valued the options that take a value; any other {@code --word} must be one of {@code flagNames}
     * @throws UsageException for an unknown option or a missing value
     */
    Arguments(List<String> args, Set<String> valued, Set<String> flagNames) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            if (valued.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                options.put(name, args.get(++i));
            } else if (flagNames.contains(name)) {
                flags.add(name);
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
    }

    List<String> positional() {
        return positional;
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Path path(String name, Path fallback) {
        return options.containsKey(name) ? Path.of(options.get(name)) : fallback;
    }

    int integer(String name, int fallback, int min, int max) {
        if (!options.containsKey(name)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(options.get(name));
            if (value < min || value > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + options.get(name) + "'");
        }
    }

    /** A mistake in how the command was called; exits with status 2 and the usage text. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
