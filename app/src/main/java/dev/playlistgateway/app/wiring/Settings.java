package dev.playlistgateway.app.wiring;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.value.PropertyResolver;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one typed setting, or stops the start with a {@link ConfigurationException} that names the key, its
 * environment variable and what it accepts: a value that does not read never falls back to the default. Each
 * method gives empty when the key is unset (the caller keeps its default); a value that is present, even an empty
 * one, must read. Durations are Micronaut's own conversion ({@code 250ms}, {@code 2s}, {@code 5m}, {@code 24h},
 * {@code 7d}, ISO-8601 {@code PT2M}), so every value that read before still reads.
 */
public final class Settings {
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d{1,19})\\s*(|B|KB|MB|GB)\\s*", Pattern.CASE_INSENSITIVE);
    /** As Micronaut's own {@code Integer.valueOf} reads a count: no spaces around it. */
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,10}");
    private static final String DURATION = "a duration such as 250ms, 2s, 5m, 24h or PT2M";
    private static final String SIZES = "a size in bytes such as 64MB, 512KB, 1GB or 1048576";

    private Settings() {
    }

    /** {@code cache.memory.max-bytes} becomes {@code CACHE_MEMORY_MAX_BYTES}, as Micronaut maps environment variables. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The message every unreadable or out-of-range setting stops the start with. */
    public static ConfigurationException invalid(String key, String accepts, Object was) {
        return new ConfigurationException(key + " (" + envName(key) + ") must be " + accepts + ", was '" + was + "'");
    }

    /** The raw value; empty when the key is unset. */
    public static Optional<String> raw(PropertyResolver env, String key) {
        return env.getProperty(key, String.class);
    }

    /** Any duration Micronaut reads, negative and zero included. */
    public static Optional<Duration> duration(PropertyResolver env, String key) {
        Optional<String> raw = raw(env, key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> value = raw.get().isBlank() ? Optional.empty() : env.getProperty(key, Duration.class);
        if (value.isEmpty()) {
            throw invalid(key, DURATION, raw.get());
        }
        return value;
    }

    /** A duration longer than zero. */
    public static Optional<Duration> positiveDuration(PropertyResolver env, String key) {
        Optional<Duration> value = duration(env, key);
        value.filter(d -> d.isZero() || d.isNegative()).ifPresent(d -> {
            throw invalid(key, "a positive duration such as 250ms, 2s, 5m or 24h", raw(env, key).orElse(""));
        });
        return value;
    }

    /** A duration of zero or more ({@code 0s} usually turns something off). */
    public static Optional<Duration> nonNegativeDuration(PropertyResolver env, String key) {
        Optional<Duration> value = duration(env, key);
        value.filter(Duration::isNegative).ifPresent(d -> {
            throw invalid(key, "a duration of 0s or more such as 0s, 250ms, 2s or 5m", raw(env, key).orElse(""));
        });
        return value;
    }

    /** A size of at least {@code min} bytes, as {@link #bytes(String, String)} reads it. */
    public static Optional<Long> bytes(PropertyResolver env, String key, long min) {
        Optional<String> raw = raw(env, key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        long bytes = bytes(key, raw.get());
        if (bytes < min) {
            throw invalid(key, SIZES + (min > 0 ? ", at least " + min : ""), raw.get());
        }
        return Optional.of(bytes);
    }

    /**
     * A size: a whole number of bytes, optionally followed by {@code B}, {@code KB}, {@code MB} or {@code GB}
     * (multiples of 1024, any case, spaces allowed around): {@code 67108864}, {@code 64MB}, {@code 512kb}.
     * Micronaut's own sizes ({@code micronaut.server.max-request-size}) read the same way.
     */
    public static long bytes(String key, String value) {
        Matcher size = SIZE.matcher(value == null ? "" : value);
        if (!size.matches()) {
            throw invalid(key, SIZES, value);
        }
        long unit = switch (size.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(size.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(key, SIZES + ", less than 8EB", value);
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Optional<Integer> wholeNumber(PropertyResolver env, String key, int min, int max) {
        Optional<String> raw = raw(env, key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String accepts = max == Integer.MAX_VALUE ? "a whole number of at least " + min : "a whole number from " + min + " to " + max;
        Matcher whole = WHOLE.matcher(raw.get());
        if (!whole.matches()) {
            throw invalid(key, accepts, raw.get());
        }
        long value = Long.parseLong(raw.get());
        if (value < min || value > max) {
            throw invalid(key, accepts, raw.get());
        }
        return Optional.of((int) value);
    }

    /** A whole number of at least {@code min}. */
    public static Optional<Integer> wholeNumber(PropertyResolver env, String key, int min) {
        return wholeNumber(env, key, min, Integer.MAX_VALUE);
    }

    /**
     * {@code true} or {@code false}, any case; also the other words Micronaut reads as a boolean ({@code yes}/{@code no},
     * {@code on}/{@code off}, {@code y}/{@code n}). Micronaut itself reads every other word as false, {@code " true"}
     * (with a space) included, so no space is allowed here either.
     */
    public static Optional<Boolean> flag(PropertyResolver env, String key) {
        return raw(env, key).map(raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "on" -> true;
            case "false", "no", "n", "off" -> false;
            default -> throw invalid(key, "true or false", raw);
        });
    }

    /** One of {@code choices} (any case, surrounding spaces ignored), given back in lower case. */
    public static Optional<String> oneOf(PropertyResolver env, String key, String... choices) {
        return raw(env, key).map(raw -> {
            String asked = raw.trim().toLowerCase(Locale.ROOT);
            if (Arrays.asList(choices).contains(asked)) {
                return asked;
            }
            throw invalid(key, oneOfText(choices), raw);
        });
    }

    /** One of an enum's constants, named in any case. */
    public static <E extends Enum<E>> Optional<E> oneOf(PropertyResolver env, String key, Class<E> type) {
        E[] constants = type.getEnumConstants();
        String[] names = Arrays.stream(constants).map(c -> c.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return oneOf(env, key, names).map(name -> constants[Arrays.asList(names).indexOf(name)]);
    }

    private static String oneOfText(String... choices) {
        if (choices.length == 1) {
            return choices[0];
        }
        return String.join(", ", Arrays.copyOf(choices, choices.length - 1)) + " or " + choices[choices.length - 1];
    }
}
