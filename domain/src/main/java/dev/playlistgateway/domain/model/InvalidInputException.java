package dev.playlistgateway.domain.model;

/**
 * Thrown when a caller's input cannot be valid whatever the music service holds:
 * a malformed id, a page size out of range. Callers see it as BAD_USER_INPUT.
 */
public class InvalidInputException extends MusicDataException {
    public InvalidInputException(String message) {
        super(Failure.BAD_INPUT, message);
    }
}
