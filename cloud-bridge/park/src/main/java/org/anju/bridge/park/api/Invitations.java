package org.anju.bridge.park.api;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import org.anju.bridge.park.auth.SessionTokens;

import io.nayuki.qrcodegen.QrCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A renter's invitation: a single-use code, good for {@link #LIFETIME}, with which the renter sets
 * their own password (the landlord never knows it). The landlord is shown it once, with a link to
 * the tenant page that carries it after '#' (never sent to a server, never in a log) and that link
 * as a QR code to print or show the renter's phone. Codes are 12 characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L), about 58 bits; only their hash is stored.
 */
final class Invitations {
    static final Duration LIFETIME = Duration.ofHours(72);
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:\\d{1,5})?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Invitations() {
    }

    /** Issues a code for the tenant's account (voiding any earlier one, clearing its password, ending its sessions). */
    static Future<JsonObject> issue(RoutingContext ctx, ApiContext api, String account, String login, String issuedBy) {
        String code = code(12);
        long now = api.tokens().now();
        long expires = now + LIFETIME.toMillis();
        String url = publicUrl(ctx, api) + "/tenant.html#invite=" + code;
        return Http.on(ctx, api.invitations().issue(hash(code), account, issuedBy, now, expires))
                .map(v -> new JsonObject().put("login", login).put("code", code)
                        .put("expiresAt", Instant.ofEpochMilli(expires).toString()).put("url", url).put("qr", qrDataUri(url)));
    }

    /** A random code of {@code length} characters (a multiple of 4) from the alphabet without look-alikes, in groups of 4. */
    static String code(int length) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The stored form of a code as a person may type it: case, spaces and dashes do not matter. */
    static String hash(String code) {
        return SessionTokens.hash(code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", ""));
    }

    /** Where people reach the pages: http.publicUrl, or this request's own scheme and Host. */
    static String publicUrl(RoutingContext ctx, ApiContext api) {
        if (api.config() != null && api.config().http().publicUrl().isPresent()) {
            return api.config().http().publicUrl().get().replaceAll("/$", "");
        }
        String host = ctx.request().getHeader("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = "localhost";
        }
        return (api.clients().secure(ctx.request()) ? "https://" : "http://") + host;
    }

    /** The link as a QR code, an SVG image in a data: URI the page shows as it is. */
    static String qrDataUri(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int border = 4;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        int side = qr.size + 2 * border;
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
                + path + "\" fill=\"#000\"/></svg>";
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }
}
