package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

/**
 * Writes an answer as JSON bytes in one step. Javalin's {@code ctx.json} makes a String and then encodes it; for
 * the score answers (the most frequent) that copy was a measurable share of the request's time.
 */
final class JsonAnswers {

    private static final ObjectMapper JSON = ApiServer.json();

    private JsonAnswers() {
    }

    static void send(Context ctx, Object answer) {
        send(ctx, bytes(answer));
    }

    /** Sends a body already written as JSON. */
    static void send(Context ctx, byte[] json) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(json);
    }

    /** An answer record as JSON bytes. */
    static byte[] bytes(Object answer) {
        try {
            return JSON.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer record always serialises", e);
        }
    }
}
