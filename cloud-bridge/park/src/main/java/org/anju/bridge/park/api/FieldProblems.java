package org.anju.bridge.park.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.anju.bridge.park.i18n.Catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What is wrong with what a person typed, each problem naming the field as they know it ("身份证号",
 * "ID number", never {@code idNumber:}) and why, from the catalog in the caller's language. The
 * answer carries each problem as {@code {field, code, text}}: the field's key for a page to mark
 * the input, the code for scripts, the sentence for people. Times in a problem are dates in the
 * park's time zone.
 */
final class FieldProblems {
    /** One problem: the field's key ({@code landlord.field.KEY} names it), the catalog's code, its placeholders. */
    record Problem(String field, String code, Object... args) {
    }

    /** The prefix of a field's name for people in the catalog. */
    private static final String FIELD = "landlord.field.";
    private final List<Problem> problems = new ArrayList<>();

    void add(String field, String code, Object... args) {
        problems.add(new Problem(field, code, args));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(problems);
    }

    /** The problems as the answer carries them, in {@code lang}. */
    static JsonArray render(List<Problem> problems, Catalog.Lang lang, ZoneId zone) {
        JsonArray out = new JsonArray();
        for (Problem p : problems) {
            out.add(new JsonObject().put("field", p.field()).put("code", p.code()).put("text", text(p, lang, zone)));
        }
        return out;
    }

    /** "身份证号：身份证号校验位不符，有一位输错了" / "ID number: the ID number's check digit does not match; ...". */
    static String text(Problem p, Catalog.Lang lang, ZoneId zone) {
        Catalog catalog = Catalog.park();
        Object[] args = p.args().clone();
        for (int i = 1; i < args.length; i += 2) {
            if (args[i] instanceof Instant at) {
                args[i] = at.atZone(zone).toLocalDate().toString();
            }
        }
        String label = FIELD + p.field();
        String field = catalog.has(label) ? catalog.text(lang, label) : p.field();
        return catalog.text(lang, "landlord.problem", "field", field, "problem", catalog.text(lang, p.code(), args));
    }

    /** Answers {@code status} with {@code {code, error, problems}}: the summary and each problem. */
    static void answer(io.vertx.ext.web.RoutingContext ctx, int status, String summary, List<Problem> problems, ZoneId zone) {
        Catalog.Lang lang = Http.lang(ctx);
        Http.json(ctx, status, new JsonObject().put("code", summary).put("error", Catalog.park().text(lang, summary))
                .put("problems", render(problems, lang, zone)));
    }
}
