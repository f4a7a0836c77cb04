package dev.playlistgateway.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.body.stream.BaseSharedBuffer;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonSyntaxException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells a client's mistake from a failure of the gateway, by the exceptions the framework throws while
 * it reads a request: Netty's decoders (a malformed request line or header, a body that is not the
 * gzip/deflate it claims), charsets the JVM does not know, bodies the codecs cannot read, URLs that do
 * not decode. These are families of exceptions, checked along the cause chain, not single symptoms:
 * anything in them is a 4xx, anything else is for {@link UnexpectedFailureHandler} to treat as a fault.
 * Stateless; never returns null.
 */
final class ClientMistakes {
    /** RouteExecutor's own test for a client that went away mid-request (Micronaut 4.10). */
    private static final Pattern CONNECTION_LOST = Pattern.compile(
            "^.*(?:connection (?:reset|closed|abort|broken)|broken pipe).*$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_CAUSES = 16;

    private ClientMistakes() {
    }

    /** The refusal for {@code failure} if it (or one of its causes) is the client's mistake. */
    static Optional<Refusal> of(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            Refusal refusal = single(t);
            if (refusal != null) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }

    /**
     * The refusal for a request Netty's HTTP decoder could not parse (the request's decoder result):
     * always the client's, with the status that names the part that was wrong.
     */
    static Refusal undecodable(Throwable decoderFailure) {
        Refusal known = single(decoderFailure);
        return known != null ? known
                : Refusal.badInput(400, "The request is not valid HTTP/1.1: a malformed request line or header, "
                        + "or a conflicting Content-Length or Transfer-Encoding");
    }

    /** Whether the client closed or reset the connection before its request was read: nothing to answer, nothing to fix. */
    static boolean clientGone(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof ClosedChannelException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null && CONNECTION_LOST.matcher(t.getMessage()).matches()) {
                return true;
            }
        }
        return false;
    }

    @Nullable
    private static Refusal single(Throwable t) {
        if (t instanceof TooLongHttpHeaderException) {
            return Refusal.badInput(431, "The request's headers are too large");
        }
        if (t instanceof TooLongHttpLineException) {
            return Refusal.badInput(414, "The request line (method and URL) is too long");
        }
        if (t instanceof TooLongFrameException) {
            return Refusal.badInput(413, "The request is too large");
        }
        if (t instanceof DecompressionException) {
            return Refusal.badInput(400, "The request body is not valid data in the Content-Encoding it declares");
        }
        if (t instanceof ConflictingFraming.BothFramings) {
            return Refusal.badInput(400, "The request has both Content-Length and Transfer-Encoding: send one of them");
        }
        if (t instanceof DecoderException) {
            return Refusal.badInput(400, "The request is not valid HTTP/1.1");
        }
        if (t instanceof UnsupportedCharsetException || t instanceof IllegalCharsetNameException) {
            return Refusal.badInput(415, "The request's charset is not supported: send UTF-8");
        }
        if (t instanceof CharacterCodingException) {
            return Refusal.badInput(400, "The request body is not valid text in its charset");
        }
        if (t instanceof BaseSharedBuffer.IncorrectContentLengthException) {
            return Refusal.badInput(400, "The request body does not have the length its Content-Length header says");
        }
        if (t instanceof JsonSyntaxException || t instanceof JsonProcessingException) {
            return Refusal.badInput(400, "The request body is not valid JSON");
        }
        if (t instanceof CodecException) {
            return Refusal.badInput(400, "The request body could not be read in its content type");
        }
        if (t instanceof URISyntaxException) {
            return Refusal.badInput(400, "The URL is not valid: malformed %-encoding, or characters a URL may not hold");
        }
        return null;
    }
}
