package fr.pretadepenser.scoring.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoAccountsTest {

    @TempDir
    Path tmp;

    @Test
    void createsAnAdvisorAndAnAdminWithFreshPasswords() throws Exception {
        UserStore store = UserStore.open(tmp.resolve("users.json"), 4, new MutableClock(Instant.EPOCH));
        List<DemoAccounts.Credentials> first = DemoAccounts.create(store);
        assertEquals(List.of("demo", "admin"), first.stream().map(DemoAccounts.Credentials::name).toList());
        assertEquals(List.of(Role.ADVISOR, Role.ADMIN), first.stream().map(DemoAccounts.Credentials::role).toList());
        for (DemoAccounts.Credentials c : first) {
            assertEquals(16, c.password().length());
            assertEquals(c.role(), store.authenticatePassword(c.name(), c.password().toCharArray()).orElseThrow()
                    .role());
            assertFalse(c.toString().contains(c.password()));
        }

        List<DemoAccounts.Credentials> second = DemoAccounts.create(store);
        assertNotEquals(first.get(0).password(), second.get(0).password());
        assertTrue(store.authenticatePassword("demo", first.get(0).password().toCharArray()).isEmpty());
        assertEquals(2, store.list().size());
    }
}
