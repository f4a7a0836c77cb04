package dev.playlistgateway.domain.model;

/**
 * Which window of a list to read.
 *
 * @param offset position of the first entry wanted (0-based)
 * @param limit  how many entries at most (1 or more)
 */
public record PageRequest(int offset, int limit) {
    public PageRequest {
        if (offset < 0) {
            throw new InvalidInputException("offset must not be negative, was " + offset);
        }
        if (limit < 1) {
            throw new InvalidInputException("page size must be at least 1, was " + limit);
        }
    }

    public static PageRequest of(int offset, int limit) {
        return new PageRequest(offset, limit);
    }

    public int end() {
        return offset + limit;
    }
}
