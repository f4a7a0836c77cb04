package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;

import java.util.List;

/** The Relay connection shapes the schema returns, as plain values the default fetchers read. */
final class Connections {
    private Connections() {
    }

    record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
        static PageInfo of(int offset, int count, int total) {
            return new PageInfo(offset + count < total, offset > 0,
                    count == 0 ? null : Cursors.at(offset), count == 0 ? null : Cursors.at(offset + count - 1));
        }
    }

    record Edge<N>(String cursor, N node) {
    }

    record Connection<N>(int totalCount, List<Edge<N>> edges, List<N> nodes, PageInfo pageInfo) {
    }

    /**
     * An item of a playlist, with its track when the items page came with it (null otherwise: the edge's
     * {@code track} field then loads it through the DataLoader). The cursor and the date are written only
     * when a query asks for them (a 50 x 100 answer has 5,000 edges).
     */
    record TrackEdge(int position, PlaylistItem item, Track track) {
        String cursor() {
            return Cursors.at(position);
        }

        String addedAt() {
            return item.addedAt() == null ? null : item.addedAt().toString();
        }

        TrackId trackId() {
            return item.trackId();
        }
    }

    record TrackConnection(int totalCount, List<TrackEdge> edges, PageInfo pageInfo) {
    }

    /** Validates a {@code first} argument: 0 to {@code max}. */
    static int first(Integer first, int max) {
        if (first == null) {
            return max;
        }
        if (first < 0 || first > max) {
            throw new InvalidInputException("first must be between 0 and " + max + ", was " + first);
        }
        return first;
    }
}
