package dev.playlistgateway.app.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id every response carries in {@code X-Request-Id} and every log line of its request in the MDC
 * ({@code requestId}), so an answer can be found in the logs by it. The caller's own id is kept when it is
 * one: 1 to {@value #MAX_LENGTH} characters of letters, digits and {@code - _ . : = + /} (anything else, a
 * space, a quote, a line break, a longer one, could break or forge log lines, so it is replaced, not
 * trimmed). Otherwise the trace id when the request is traced, so one id finds the trace and the lines;
 * otherwise 32 random hex digits, the shape of a trace id. Stateless; thread safe.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** The MDC key (the console pattern prints it: {@code %X{requestId}}). */
    public static final String MDC_KEY = "requestId";
    /** The request attribute that holds the id, for code that has the request but not its thread's MDC. */
    static final String ATTRIBUTE = "gateway.requestId";
    static final int MAX_LENGTH = 128;
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:=+/-]{1," + MAX_LENGTH + "}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** The id for a request that sent {@code offered} (null: none), within the trace {@code trace} (null or invalid: none). */
    static String choose(@Nullable String offered, @Nullable SpanContext trace) {
        if (offered != null && ACCEPTED.matcher(offered).matches()) {
            return offered;
        }
        if (trace != null && trace.isValid()) {
            return trace.getTraceId();
        }
        return random();
    }

    /** 128 random bits in hex. Not a secret, so not from SecureRandom: uniqueness is all it needs. */
    static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xF];
            id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xF];
        }
        return new String(id);
    }

    /** The id of {@code request}, once {@link RequestIdFilter} has given it one. */
    public static Optional<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }

    /** The id of the request this thread works for (from the MDC), or null outside one. */
    @Nullable
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
