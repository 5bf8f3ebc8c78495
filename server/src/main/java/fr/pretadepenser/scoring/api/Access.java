package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.auth.Role;
import io.javalin.security.RouteRole;

/** Who may call a route: anybody, an advisor (or an admin), or an admin only. */
enum Access implements RouteRole {
    PUBLIC,
    ADVISOR,
    ADMIN;

    /** Whether a signed-in user with that role may call a route with this access. */
    boolean allows(Role role) {
        return switch (this) {
            case PUBLIC -> true;
            case ADVISOR -> role.allows(Role.ADVISOR);
            case ADMIN -> role.allows(Role.ADMIN);
        };
    }
}
