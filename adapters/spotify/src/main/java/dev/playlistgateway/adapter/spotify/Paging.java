package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One window of a list Spotify pages ({@code {href, items, limit, next, offset, previous, total}}), filled with
 * as few calls as Spotify's page size allows.
 */
final class Paging {

    private Paging() {
    }

    /**
     * Fills {@code page}: asks for what is still missing (at most {@code max} a call), and goes on while
     * Spotify says more follows ({@code next}) and the window is not full. It pages by what Spotify returned,
     * not by what was asked (Spotify may cap {@code limit}), and builds the next request itself rather than
     * following {@code next}, so the bearer token only ever goes to the configured API URL.
     *
     * @param fetch the paging object at (offset, limit)
     * @param parse one item; what it throws is UPSTREAM_UNAVAILABLE ({@link SpotifyJson#read})
     */
    static <T> Page<T> fill(PageRequest page, int max, String endpoint, BiFunction<Integer, Integer, JsonNode> fetch,
                            Function<JsonNode, T> parse) {
        List<T> collected = new ArrayList<>();
        int offset = page.offset();
        int total = 0;
        while (collected.size() < page.limit()) {
            int limit = Math.min(max, page.limit() - collected.size());
            JsonNode paging = fetch.apply(offset, limit);
            List<JsonNode> items = SpotifyJson.read(endpoint, () -> SpotifyJson.pageItems(paging));
            total = SpotifyJson.read(endpoint, () -> SpotifyJson.total(paging));
            for (JsonNode item : items) {
                if (collected.size() < page.limit()) {
                    collected.add(SpotifyJson.read(endpoint, () -> parse.apply(item)));
                }
            }
            offset += items.size();
            if (items.isEmpty() || !SpotifyJson.hasNext(paging) || offset >= total) {
                break;
            }
        }
        return new Page<>(collected, page.offset(), consistentTotal(total, page.offset(), collected.size()));
    }

    /** Spotify's total, unless the list grew while paging and the entries read reach past it. */
    static int consistentTotal(int total, int offset, int read) {
        return read == 0 ? total : Math.max(total, offset + read);
    }
}
