package org.anju.bridge.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every page and API answer carries, so that a browser refuses what the pages never
 * do: scripts only from the server's own files (no inline script, no eval), no framing by another
 * site, no guessing of content types, no address sent on to other sites. Over TLS, HSTS tells the
 * browser to use HTTPS only. API answers are never cached (they hold personal data).
 */
public final class SecurityHeaders {
    /** The pages load scripts, styles and images from this server only; QR codes come as data: images. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";
    public static final String HSTS = "max-age=31536000";

    private final boolean tls;

    private SecurityHeaders(boolean tls) {
        this.tls = tls;
    }

    /** Headers for a server that speaks plain HTTP (no HSTS). */
    public static SecurityHeaders plain() {
        return new SecurityHeaders(false);
    }

    /** Headers for a server with TLS ({@code tls}: HSTS too) or without. */
    public static SecurityHeaders of(boolean tls) {
        return new SecurityHeaders(tls);
    }

    /** A route handler that sets the headers and goes on; {@code tls}: the server speaks HTTPS, so HSTS too. */
    public static io.vertx.core.Handler<RoutingContext> handler(boolean tls) {
        SecurityHeaders h = new SecurityHeaders(tls);
        return ctx -> {
            h.apply(ctx.response(), ctx.request().path() != null && ctx.request().path().startsWith("/api/"));
            ctx.next();
        };
    }

    /** Sets the headers on {@code response}; {@code personal}: an API answer, never to be cached. */
    public void apply(HttpServerResponse response, boolean personal) {
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (personal) {
            response.putHeader("Cache-Control", "no-store");
        }
        if (tls) {
            response.putHeader("Strict-Transport-Security", HSTS);
        }
    }
}
