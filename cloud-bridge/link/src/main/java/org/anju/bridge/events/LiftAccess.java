package org.anju.bridge.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The payload of a {@code lift.access} event: a card in a lift car or a phone's "take me home",
 * granted with the floors it enabled and for how long, or denied with the reason. A guest's grant
 * names the host whose floors it enabled.
 *
 * @param credential card, pin or remote (a phone through the park)
 * @param floors     the floors the rider may press: their rooms' floors and those open to everyone now
 * @param seconds    how long the rooms' floors stay enabled
 * @param request    the request or command id, for the park to match its reply
 */
@JsonPropertyOrder({"lift", "result", "credential", "tenant", "guestOf", "floors", "seconds", "reason", "request"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiftAccess(String lift, String result, String credential, String tenant, String guestOf, List<String> floors,
                         Integer seconds, String reason, String request) {
    public static final String TYPE = "lift.access";

    public LiftAccess {
        Fields.siteId("lift", lift);
        Fields.oneOf("result", result, List.of("granted", "denied"));
        Fields.oneOf("credential", credential, List.of("card", "pin", "remote"));
        Fields.tenant("tenant", tenant);
        Fields.tenant("guestOf", guestOf);
        floors = result.equals("granted") ? Fields.floors(floors) : null;
        if (result.equals("granted") && (tenant == null || seconds == null || seconds < 1)) {
            throw new IllegalArgumentException("a granted lift.access names the tenant and the seconds");
        }
        if (result.equals("denied")) {
            Fields.text("reason", reason, 64);
        }
        if (request != null) {
            Fields.text("request", request, 128);
        }
    }

    public static LiftAccess granted(String lift, String credential, String tenant, String guestOf, List<String> floors,
                                     int seconds, String request) {
        return new LiftAccess(lift, "granted", credential, tenant, guestOf, floors, seconds, null, request);
    }

    public static LiftAccess denied(String lift, String credential, String reason, String request) {
        return new LiftAccess(lift, "denied", credential, null, null, null, null, reason, request);
    }
}
