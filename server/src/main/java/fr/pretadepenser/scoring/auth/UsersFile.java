package fr.pretadepenser.scoring.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes the users file: {@code {"format": 1, "users": [...]}}, mapped field by field (not by
 * reflection) so that every problem is reported with the account and field it is in. Written through
 * {@link PrivateFiles#replace}: a crash leaves the old or the new file, never half of one.
 */
final class UsersFile {

    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private UsersFile() {
    }

    /** The accounts in {@code file}; none if it does not exist yet. */
    static List<StoredAccount> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new UsersFileException(file, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject() || root.path("format").asInt() != FORMAT || !root.path("users").isArray()) {
            throw new UsersFileException(file, "expected {\"format\": " + FORMAT + ", \"users\": [...]}");
        }
        List<StoredAccount> accounts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> keyIds = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("users")) {
            index++;
            StoredAccount account = account(file, index, node);
            if (!names.add(account.name())) {
                throw new UsersFileException(file, "user " + index + ": name '" + account.name() + "' appears twice");
            }
            for (StoredAccount.StoredKey key : account.keys()) {
                if (!keyIds.add(key.id())) {
                    throw new UsersFileException(file, "user " + index + ": key id " + key.id() + " appears twice");
                }
            }
            accounts.add(account);
        }
        return accounts;
    }

    private static StoredAccount account(Path file, int index, JsonNode node) throws UsersFileException {
        String where = "user " + index;
        String name = text(file, where, node, "name");
        if (!AccountNames.isValid(name)) {
            throw new UsersFileException(file, where + ": invalid name '" + name + "'");
        }
        where += " (" + name + ")";
        Role role;
        try {
            role = Role.parse(text(file, where, node, "role"));
        } catch (AccountException e) {
            throw new UsersFileException(file, where + ": " + e.getMessage());
        }
        String hash = text(file, where, node, "passwordHash");
        if (!BCRYPT.matcher(hash).matches()) {
            throw new UsersFileException(file, where + ": passwordHash is not a bcrypt hash");
        }
        List<StoredAccount.StoredKey> keys = new ArrayList<>();
        for (JsonNode key : node.path("keys")) {
            String id = text(file, where, key, "id");
            String sha256 = text(file, where, key, "sha256");
            if (!ApiKeys.isKeyId(id) || !HEX_SHA256.matcher(sha256).matches()) {
                throw new UsersFileException(file, where + ": key '" + id + "' needs an id of 8 hex digits and a"
                        + " sha256 of 64");
            }
            keys.add(new StoredAccount.StoredKey(id, sha256, instant(file, where, key, "createdAt")));
        }
        return new StoredAccount(name, role, hash, instant(file, where, node, "createdAt"),
                node.path("disabled").asBoolean(false), keys);
    }

    private static String text(Path file, String where, JsonNode node, String field) throws UsersFileException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new UsersFileException(file, where + ": field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static Instant instant(Path file, String where, JsonNode node, String field) throws UsersFileException {
        String text = text(file, where, node, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsersFileException(file, where + ": " + field + " '" + text + "' is not an ISO-8601 UTC time");
        }
    }

    /** Replaces {@code file} with these accounts, atomically and readable by its owner only. */
    static void write(Path file, Collection<StoredAccount> accounts) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
        ArrayNode users = root.putArray("users");
        for (StoredAccount a : accounts) {
            ObjectNode user = users.addObject().put("name", a.name()).put("role", a.role().id())
                    .put("passwordHash", a.passwordHash()).put("createdAt", a.createdAt().toString())
                    .put("disabled", a.disabled());
            ArrayNode keys = user.putArray("keys");
            a.keys().forEach(k -> keys.addObject().put("id", k.id()).put("sha256", k.sha256())
                    .put("createdAt", k.createdAt().toString()));
        }
        PrivateFiles.replace(file, JSON.writeValueAsBytes(root));
    }
}
