package org.anju.agent.site;

import io.vertx.core.json.JsonObject;

/**
 * A deployed site file the gateway has not settled yet, kept in {@code DATA/site/deployment.json}
 * so that a restart or a crash in between still ends it: on probation until {@code deadline}
 * (epoch ms), or rolled back with {@code reason} and waiting to say so.
 *
 * @param previous the digest of the last good file it goes back to
 */
public record Deployment(String requestId, long version, String digest, String previous, int confirmSeconds,
                         long deadline, String rolledBack) {

    public boolean isRolledBack() {
        return rolledBack != null;
    }

    public Deployment rollBack(String reason) {
        return new Deployment(requestId, version, digest, previous, confirmSeconds, deadline, reason);
    }

    JsonObject toJson() {
        return new JsonObject().put("requestId", requestId).put("version", version).put("digest", digest)
                .put("previous", previous).put("confirmSeconds", confirmSeconds).put("deadline", deadline)
                .put("rolledBack", rolledBack);
    }

    static Deployment fromJson(JsonObject j) {
        return new Deployment(j.getString("requestId"), j.getLong("version"), j.getString("digest"), j.getString("previous"),
                j.getInteger("confirmSeconds"), j.getLong("deadline"), j.getString("rolledBack"));
    }
}
