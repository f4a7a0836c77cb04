package dev.playlistgateway.app.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;

import java.util.Locale;
import java.util.Optional;

/**
 * The one cookie the browser holds: the session id and nothing else (no token, no user data), about
 * 150 bytes with its attributes. HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * POSTs), Path=/, Max-Age = the session's lifetime, and Secure when the request came over HTTPS (directly,
 * or per {@code X-Forwarded-Proto} / {@code Forwarded} from a proxy that ends TLS) unless configured otherwise.
 */
final class SessionCookies {
    private final SecuritySettings settings;

    SessionCookies(SecuritySettings settings) {
        this.settings = settings;
    }

    String name() {
        return settings.cookieName();
    }

    /** The session id the request carries, if it has the shape of one. */
    Optional<String> sessionId(HttpRequest<?> request) {
        return request.getCookies().findCookie(settings.cookieName())
                .map(Cookie::getValue)
                .filter(Secrets::looksLikeSessionId);
    }

    /** Whether the request carries the session cookie at all (well formed or not). */
    boolean present(HttpRequest<?> request) {
        return request.getCookies().contains(settings.cookieName());
    }

    Cookie issue(String sessionId, HttpRequest<?> request) {
        return base(sessionId, request).maxAge(settings.sessionTtl().toSeconds());
    }

    /** A cookie that makes the browser drop the session cookie. */
    Cookie clear(HttpRequest<?> request) {
        return clear(settings.cookieName(), request);
    }

    Cookie clear(String name, HttpRequest<?> request) {
        return Cookie.of(name, "").path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(secure(request)).maxAge(0);
    }

    private Cookie base(String value, HttpRequest<?> request) {
        return Cookie.of(settings.cookieName(), value).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(secure(request));
    }

    /** Secure when configured so, else when the browser reached us over HTTPS. */
    boolean secure(HttpRequest<?> request) {
        if (settings.cookieSecure() != null) {
            return settings.cookieSecure();
        }
        if (request.isSecure()) {
            return true;
        }
        String forwardedProto = request.getHeaders().get("X-Forwarded-Proto");
        if (forwardedProto != null && forwardedProto.split(",")[0].trim().equalsIgnoreCase("https")) {
            return true;
        }
        String forwarded = request.getHeaders().get(HttpHeaders.FORWARDED);
        return forwarded != null && forwarded.toLowerCase(Locale.ROOT).split(",")[0].contains("proto=https");
    }
}
