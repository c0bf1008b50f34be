package org.ebp.cluster;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.ebp.api.experiments.RecipeResult;

/**
 * What a member sends back for a run, as JSON text (so that nothing but strings crosses the wire
 * and the classes on both ends need not match): the run's result, or why the member declined it.
 * Doubles are written in full (Java's shortest round-trip form, NaN as NaN), so the caller's table
 * holds the member's numbers bit for bit.
 * <pre>
 * {"format": "ebp-cluster-reply", "version": 1, "member": "127.0.0.1:5702", "status": "done",
 *  "result": {"epochs": [...], "train": {...}, "test": {...}, "wallSeconds": 1.2, "outcome": "completed"},
 *  "record": "{\"format\":\"ebp-run-record\",...}\n..."}
 * {"format": "ebp-cluster-reply", "version": 1, "member": "127.0.0.1:5702", "status": "declined",
 *  "reason": "has no optimizer named adamw"}
 * </pre>
 */
final class TaskCodec {

    static final String FORMAT = "ebp-cluster-reply";
    static final int VERSION = 1;

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().serializeNulls()
            .disableHtmlEscaping().create();

    /**
     * A reply, read back: a result, a decline (another member may run it) or a failure (the recipe
     * cannot run anywhere: the run fails with the member's message).
     */
    record Reply(String member, RecipeResult result, String reason, boolean failed, String record) {
        boolean declined() {
            return reason != null && !failed;
        }
    }

    private TaskCodec() {
    }

    /** @param record the run's record on the member (JSON lines), or null when it kept none */
    static String done(String member, RecipeResult result, String record) {
        JsonObject o = envelope(member, "done");
        o.add("result", GSON.toJsonTree(result));
        if (record != null) {
            o.addProperty("record", record);
        }
        return GSON.toJson(o);
    }

    static String declined(String member, String reason) {
        JsonObject o = envelope(member, "declined");
        o.addProperty("reason", reason);
        return GSON.toJson(o);
    }

    static String failed(String member, String why) {
        JsonObject o = envelope(member, "failed");
        o.addProperty("reason", why);
        return GSON.toJson(o);
    }

    /**
     * Reads a reply.
     *
     * @throws IllegalArgumentException naming the member and what is wrong with its reply
     */
    static Reply read(String fallbackMember, String text) {
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            String member = o.has("member") ? o.get("member").getAsString() : fallbackMember;
            if (!FORMAT.equals(o.has("format") ? o.get("format").getAsString() : null)
                    || !o.has("version") || o.get("version").getAsInt() != VERSION) {
                throw new IllegalArgumentException("member " + member + " replied in another format ("
                        + o.get("format") + " version " + o.get("version") + "); run the same workbench version everywhere");
            }
            String status = o.get("status").getAsString();
            return switch (status) {
                case "done" -> new Reply(member, GSON.fromJson(o.get("result"), RecipeResult.class), null, false,
                        o.has("record") ? o.get("record").getAsString() : null);
                case "declined" -> new Reply(member, null, o.get("reason").getAsString(), false, null);
                case "failed" -> new Reply(member, null, o.get("reason").getAsString(), true, null);
                default -> throw new IllegalArgumentException("member " + member + " replied with status '" + status + "'");
            };
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("member " + fallbackMember + " sent a reply that is not readable ("
                    + e.getMessage() + ")", e);
        }
    }

    private static JsonObject envelope(String member, String status) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", VERSION);
        o.addProperty("member", member);
        o.addProperty("status", status);
        return o;
    }
}
