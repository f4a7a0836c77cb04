package dev.playlistgateway.app;

import io.micronaut.context.exceptions.ConfigurationException;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a start-up failure caused by a setting from any other: a setting's mistake is the operator's to
 * fix and one line saying which setting and why is all they need, where Micronaut would print the
 * bean path and the stack three times over. Any other failure keeps its stack trace.
 */
final class StartupFailures {

    /**
     * Micronaut reports a value it cannot convert (or a required one that is missing) as a
     * DependencyInjectionException with no cause, its only trace the text of the message.
     */
    private static final Pattern UNRESOLVED_PROPERTY =
            Pattern.compile("Error resolving property value \\[([^\\]]+)\\]\\.\\s*([^\\r\\n]*)");

    private StartupFailures() {
    }

    /**
     * The one line to print when {@code failure} is a setting's mistake: the deepest
     * {@link ConfigurationException}'s message (the gateway's own, which names the key and its
     * environment variable), or Micronaut's words for a property it could not resolve, with the key's
     * environment variable added. Empty for any other failure.
     */
    static Optional<String> configurationMistake(Throwable failure) {
        ConfigurationException deepest = null;
        String unresolved = null;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ConfigurationException configuration) {
                deepest = configuration;
            }
            if (unresolved == null && t.getMessage() != null) {
                unresolved = unresolvedProperty(t.getMessage());
            }
        }
        if (deepest != null) {
            return Optional.of(oneLine(withCause(deepest)));
        }
        return Optional.ofNullable(unresolved);
    }

    private static String withCause(ConfigurationException configuration) {
        String message = String.valueOf(configuration.getMessage());
        Throwable cause = configuration.getCause();
        if (cause == null || cause.getMessage() == null) {
            return message;
        }
        String because = firstLine(cause.getMessage());
        return message.contains(because) ? message : message + ": " + because;
    }

    private static String unresolvedProperty(String message) {
        Matcher matcher = UNRESOLVED_PROPERTY.matcher(message);
        String found = null;
        while (matcher.find()) {
            // The innermost (last) report is the one with the reason; the outer ones repeat it.
            String key = matcher.group(1);
            String reason = matcher.group(2).isBlank() ? "cannot be resolved" : matcher.group(2).strip();
            found = key + " (" + environmentVariable(key) + "): " + reason;
        }
        return found;
    }

    /** The environment variable Micronaut reads for {@code key}: micronaut.server.port is MICRONAUT_SERVER_PORT. */
    static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
