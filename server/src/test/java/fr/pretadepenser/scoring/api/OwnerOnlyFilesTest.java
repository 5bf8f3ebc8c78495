package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.audit.AnchorKey;
import fr.pretadepenser.scoring.auth.Sessions;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The server refuses to start on an accounts file, anchor key or audit log that other users may read. */
class OwnerOnlyFilesTest {

    @TempDir
    Path tmp;
    Path users;
    Path audit;

    @BeforeEach
    void makeAnAccount() throws Exception {
        Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions");
        users = tmp.resolve("security/users.json");
        UserStore.open(users).addUser("root", Role.ADMIN, "correct horse battery".toCharArray());
        audit = tmp.resolve("audit/decisions.jsonl");
    }

    @Test
    void refusesAnAccountsFileOthersCanRead() throws Exception {
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
        assertRefused(users, "rw-r--r--");
    }

    @Test
    void refusesAnAnchorKeyOrAnAuditLogOthersCanRead() throws Exception {
        AnchorKey.loadOrCreate(users.getParent());
        Path key = users.resolveSibling(AnchorKey.FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw----"));
        assertRefused(key, "rw-rw----");

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(audit.getParent());
        Files.createFile(audit);
        Files.setPosixFilePermissions(audit, PosixFilePermissions.fromString("rw----r--"));
        assertRefused(audit, "rw----r--");
    }

    @Test
    void refusesASessionsFolderOthersCanEnter() throws Exception {
        Path sessions = users.resolveSibling(Sessions.FOLDER);
        Files.createDirectories(sessions);
        Files.setPosixFilePermissions(sessions, PosixFilePermissions.fromString("rwxr-x---"));
        assertRefused(sessions, "rwxr-x---");
    }

    private void assertRefused(Path file, String permissions) throws Exception {
        TinyBundle tiny = TinyBundle.get();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ApiResources.open(
                new ApiResources.Paths(tiny.bundle(), tiny.database(), users, audit), Progress.SILENT));
        assertEquals(file + " is open to other users (" + permissions + "): it holds accounts, keys, sessions or"
                + " decisions; make it the owner's alone (chmod " + (Files.isDirectory(file) ? "700 " : "600 ") + file
                + ")", e.getMessage());
    }
}
