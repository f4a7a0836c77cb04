package dev.playlistgateway.domain.model;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A window onto a longer list.
 *
 * @param items  the entries of this window, in list order
 * @param offset the position of the first entry in the whole list
 * @param total  how many entries the whole list has
 * @param <T>    the entry type
 */
public record Page<T>(List<T> items, int offset, int total) {
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (offset < 0 || total < 0) {
            throw new IllegalArgumentException("offset and total must not be negative");
        }
    }

    public static <T> Page<T> empty() {
        return new Page<>(List.of(), 0, 0);
    }

    /** True when entries follow this window. */
    public boolean hasNext() {
        return offset + items.size() < total;
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), offset, total);
    }
}
