package org.healthkb.web;

import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and checks query parameters at the boundary. Every failure is a 400 whose message names
 * the parameter and its bound, so an integrator can fix the request without reading our code.
 */
final class Params {
    private final Context ctx;

    private Params(Context ctx, Set<String> allowed) {
        this.ctx = ctx;
        for (String name : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown parameter '" + name + "'; this route takes " + allowed.stream().sorted().toList());
            }
        }
    }

    /** Parameters of a request that may only use {@code allowed} names. */
    static Params of(Context ctx, Set<String> allowed) {
        return new Params(ctx, allowed);
    }

    /** A single text value, trimmed, between {@code min} and {@code max} characters; null when absent and min is 0. */
    String text(String name, int min, int max) {
        String value = single(name);
        if (value == null) {
            if (min > 0) {
                throw ApiException.badRequest("parameter '" + name + "' is required");
            }
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() < min || trimmed.length() > max) {
            throw ApiException.badRequest("parameter '" + name + "' must be " + min + " to " + max
                    + " characters after trimming, not " + trimmed.length());
        }
        return trimmed;
    }

    int integer(String name, int fallback, int min, int max) {
        String value = single(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest("parameter '" + name + "' must be between " + min + " and " + max + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("parameter '" + name + "' must be a whole number, not '" + value + "'");
        }
    }

    Double decimal(String name, double min) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (!Double.isFinite(parsed) || parsed < min) {
                throw ApiException.badRequest("parameter '" + name + "' must be a number of at least " + min + ", not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("parameter '" + name + "' must be a number, not '" + value + "'");
        }
    }

    /** Every value of a repeatable parameter, each mapped through {@code parse}; an unknown value is named. */
    <T> List<T> values(String name, Function<String, Optional<T>> parse, List<String> known) {
        return ctx.queryParams(name).stream()
                .map(value -> parse.apply(value.strip()).orElseThrow(() -> ApiException.badRequest(
                        "unknown " + name + " '" + value + "'; expected one of " + String.join(", ", known))))
                .toList();
    }

    /** One optional value mapped through {@code parse}; an unknown value is named. */
    <T> T value(String name, Function<String, Optional<T>> parse, List<String> known) {
        String value = single(name);
        return value == null ? null : parse.apply(value.strip()).orElseThrow(() -> ApiException.badRequest(
                "unknown " + name + " '" + value + "'; expected one of " + String.join(", ", known)));
    }

    private String single(String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ApiException.badRequest("parameter '" + name + "' may be given only once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }
}
