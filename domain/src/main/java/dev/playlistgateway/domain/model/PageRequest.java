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
        if ((long) offset + limit > Integer.MAX_VALUE) {
            // A forged cursor near Integer.MAX_VALUE would otherwise wrap end() around to a negative number.
            throw new InvalidInputException("offset " + offset + " is past any list");
        }
    }

    public static PageRequest of(int offset, int limit) {
        return new PageRequest(offset, limit);
    }

    public int end() {
        return offset + limit;
    }
}
