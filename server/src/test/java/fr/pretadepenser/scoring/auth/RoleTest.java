package fr.pretadepenser.scoring.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleTest {

    @Test
    void adminAllowsEverythingAndAdvisorOnlyAdvisorThings() {
        assertTrue(Role.ADMIN.allows(Role.ADMIN));
        assertTrue(Role.ADMIN.allows(Role.ADVISOR));
        assertTrue(Role.ADVISOR.allows(Role.ADVISOR));
        assertFalse(Role.ADVISOR.allows(Role.ADMIN));
    }

    @Test
    void parsesLowerOrUpperCaseAndNamesTheChoicesOtherwise() {
        assertEquals(Role.ADMIN, Role.parse("admin"));
        assertEquals(Role.ADVISOR, Role.parse("ADVISOR"));
        AccountException e = assertThrows(AccountException.class, () -> Role.parse("boss"));
        assertEquals(AccountException.Kind.INVALID, e.kind());
        assertEquals("unknown role 'boss'; expected one of advisor, admin", e.getMessage());
    }

    @Test
    void principalCarriesHowTheRequestWasAuthenticated() {
        Principal p = Principal.of(new User("alice", Role.ADVISOR), Principal.Via.API_KEY);
        assertEquals("api-key", p.via().label());
        assertFalse(p.allows(Role.ADMIN));
    }
}
