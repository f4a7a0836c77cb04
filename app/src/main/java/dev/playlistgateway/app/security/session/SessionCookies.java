package dev.playlistgateway.app.security.session;

import dev.playlistgateway.app.security.Secrets;
import dev.playlistgateway.app.security.SecuritySettings;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * The one cookie the browser holds: the session id and nothing else (no token, no user data), about
 * 150 bytes with its attributes. HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * POSTs), Path=/, Max-Age = the session's lifetime, and Secure when the request came over HTTPS (directly,
 * or per {@code X-Forwarded-Proto} / {@code Forwarded} from a proxy that ends TLS) unless configured otherwise.
 * Thread safe.
 */
@Singleton
public final class SessionCookies {
    private final SecuritySettings settings;

    SessionCookies(SecuritySettings settings) {
        this.settings = settings;
    }

    /** The session id the request carries, if it has the shape of one. */
    public Optional<String> sessionId(HttpRequest<?> request) {
        return request.getCookies().findCookie(settings.cookieName())
                .map(Cookie::getValue)
                .filter(Secrets::looksLikeSessionId);
    }

    /** Whether the request carries the session cookie at all (well formed or not). */
    public boolean present(HttpRequest<?> request) {
        return request.getCookies().contains(settings.cookieName());
    }

    /** The session cookie for a new session, for as long as the session lasts. */
    public Cookie issue(String sessionId, HttpRequest<?> request) {
        return base(sessionId, request).maxAge(settings.sessionTtl().toSeconds());
    }

    /** A cookie that makes the browser drop the session cookie. */
    public Cookie clear(HttpRequest<?> request) {
        return clear(settings.cookieName(), request);
    }

    /** A cookie that makes the browser drop the cookie {@code name} (sign-in's state and PKCE cookies too). */
    public Cookie clear(String name, HttpRequest<?> request) {
        return Cookie.of(name, "").path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(secure(request)).maxAge(0);
    }

    private Cookie base(String value, HttpRequest<?> request) {
        return Cookie.of(settings.cookieName(), value).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(secure(request));
    }

    /** Secure when configured so, else when the browser reached us over HTTPS. */
    private boolean secure(HttpRequest<?> request) {
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
