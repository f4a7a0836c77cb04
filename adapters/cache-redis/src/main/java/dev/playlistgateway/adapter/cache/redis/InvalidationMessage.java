package dev.playlistgateway.adapter.cache.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * What travels on the invalidation channel: the sending instance, then the keys it changed, one per
 * line. Cache keys are printable ASCII, so a newline can never be part of one. Large changes go in
 * several messages, so that one message stays small for Redis's output buffers.
 */
record InvalidationMessage(String origin, List<String> keys) {

    static final int MAX_KEYS = 1_000;

    /** The messages announcing {@code keys}, at most {@link #MAX_KEYS} keys each. */
    static List<String> encode(String origin, Collection<String> keys) {
        List<String> messages = new ArrayList<>(keys.size() / MAX_KEYS + 1);
        StringBuilder message = null;
        int inMessage = 0;
        for (String key : keys) {
            if (message == null) {
                message = new StringBuilder(origin.length() + 40 * Math.min(keys.size(), MAX_KEYS)).append(origin);
            }
            message.append('\n').append(key);
            if (++inMessage == MAX_KEYS) {
                messages.add(message.toString());
                message = null;
                inMessage = 0;
            }
        }
        if (message != null) {
            messages.add(message.toString());
        }
        return messages;
    }

    /** The message, or null when it is not one (another publisher on the channel, a newer format). */
    static InvalidationMessage decode(String message) {
        if (message == null) {
            return null;
        }
        String[] lines = message.split("\n", -1);
        if (lines.length < 2 || lines[0].isEmpty()) {
            return null;
        }
        return new InvalidationMessage(lines[0], Arrays.asList(lines).subList(1, lines.length));
    }
}
