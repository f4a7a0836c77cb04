package dev.playlistgateway.app.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never reach a log, in any line at any level: OAuth authorization codes, {@code state}, PKCE
 * verifiers, access and refresh tokens, client secrets, session and sign-in cookies, {@code Authorization}
 * header values, passwords in URIs, and configuration values whose names say they are secret. The gateway's own
 * code never logs these; libraries do when their DEBUG or TRACE is on (Micronaut's server logs each request's
 * URI, the callback's {@code ?code=&state=} included; its HTTP client logs bodies; its configuration resolver
 * logs property values). The values are replaced by {@value #MASK}, the names kept, so a line still says what
 * happened. Used by {@link MaskedMessageConverter} and {@link MaskedThrowableConverter} in logback.xml.
 * Stateless, thread safe.
 */
public final class SecretMasking {

    /** What a secret becomes. */
    public static final String MASK = "****";

    private record Rule(Pattern pattern, String replacement) {
    }

    /** A value in a query string, a form, a cookie header or {@code name=value} text: up to a delimiter. */
    private static final String VALUE = "[^&\\s\"'<>\\[\\](){},;]+";
    private static final String SECRET_NAMES = "code|state|code_verifier|access_token|refresh_token|id_token|client_secret"
            + "|token|password|secret|oauth2_state|oauth2_pkce|oauth2_nonce|pgw_session|session";

    private static final List<Rule> RULES = List.of(
            // ?code=...&state=..., grant forms, Cookie/Set-Cookie values: name=value
            new Rule(Pattern.compile("(?i)(?<![A-Za-z0-9_.-])(" + SECRET_NAMES + ")=" + VALUE), "$1=" + MASK),
            // JSON bodies: "access_token":"...", "code":"..."
            new Rule(Pattern.compile("(?i)(\"(?:" + SECRET_NAMES + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\""), "$1\"" + MASK + "\""),
            // Authorization headers, whatever their scheme: "Authorization: Bearer x", "authorization=[Basic x]"
            new Rule(Pattern.compile("(?i)(authorization[\"']?\\s*[:=]\\s*[\\[\"']?\\s*)(?:(bearer|basic)\\s+)?[^\\s,\"'\\]]+"), "$1$2 " + MASK),
            // A bare Bearer/Basic credential in other text (tokens are long; "Bearer token" in a sentence is kept)
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/-]{16,}=*"), "$1 " + MASK),
            // Passwords in URIs: redis://user:password@host
            new Rule(Pattern.compile("(://[^/\\s:@]*):[^/\\s@]+@"), "$1:" + MASK + "@"),
            // Configuration resolvers: "Resolved value [x] for property: spotify.client-secret"
            new Rule(Pattern.compile("(?i)\\[[^\\]]*\\](\\s+for\\s+property:?\\s+\\S*(?:secret|password|token|key|credential)\\S*)"),
                    "[" + MASK + "]$1"));

    private SecretMasking() {
    }

    /** {@code text} with every secret it shows masked; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(masked);
            if (matcher.find()) {
                masked = matcher.replaceAll(rule.replacement());
            }
        }
        return masked;
    }
}
