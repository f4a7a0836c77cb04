package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.InvalidInputException;
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

    /** An item of a playlist: the track is loaded by the edge's {@code track} field, through the DataLoader. */
    record TrackEdge(String cursor, String addedAt, TrackId trackId) {
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
