package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Reads a JSON request body as plain values (maps, lists, strings, numbers, booleans, null), refusing what a lenient
 * parser would let through: a body over the size limit (413, counted while reading, whatever Content-Length says),
 * duplicate keys, trailing content, NaN and Infinity (400, malformed JSON).
 */
final class RequestBody {

    // Strict on purpose: a duplicated key or a trailing second document is a client bug worth reporting.
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RequestBody() {
    }

    /** The body parsed, or an {@link ApiException} (400 malformed, 413 too large, 415 not JSON). */
    static Object json(Context ctx, long maxBytes) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the body as JSON with 'Content-Type: application/json'");
        }
        byte[] bytes = read(ctx, maxBytes);
        if (bytes.length == 0) {
            throw new ApiException(400, "malformed_json", "the request body is empty; a JSON object is expected");
        }
        try {
            return parse(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : String.format(Locale.ROOT, " at line %d, column %d",
                    e.getLocation().getLineNr(), e.getLocation().getColumnNr());
            throw new ApiException(400, "malformed_json", "the body is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), List.of(new ApiError.Detail("body", e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ApiException(400, "malformed_json", "the body could not be read: " + e.getMessage());
        }
    }

    /** The bytes parsed as a request body is (strict), for those that do not come from a request. */
    static Object parse(byte[] bytes) throws IOException {
        return STRICT.readValue(bytes, Object.class);
    }

    private static byte[] read(Context ctx, long maxBytes) {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ApiException(400, "malformed_json", "the body could not be read: " + e.getMessage());
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "body_too_large", String.format(Locale.ROOT,
                "the body is over the limit of %,d bytes; send fewer applications per call", maxBytes));
    }
}
