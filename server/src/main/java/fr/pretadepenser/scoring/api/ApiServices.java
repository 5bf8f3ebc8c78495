package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.audit.AuditLog;
import fr.pretadepenser.scoring.auth.LoginThrottle;
import fr.pretadepenser.scoring.auth.Sessions;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.clients.ClientDirectory;
import fr.pretadepenser.scoring.data.check.ApplicationCheck;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.OnlineFeatureBuilder;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.predict.OnlineScorer;

import java.util.Objects;

/**
 * Everything the routes read, loaded once by the {@code serve} command (or a test) before the server starts.
 *
 * @param bundle   the model bundle served
 * @param features computes features of one application; reads stored applications
 * @param scorer   scores and explains applications
 * @param clients  the stored clients: search, profiles, neighbours, distributions
 * @param check    validates raw applications against the schema and the model's categories
 * @param labels   human labels of the variables
 * @param users    accounts and API keys
 * @param sessions dashboard login sessions
 * @param throttle slows down password guessing
 * @param audit    the durable log of every decision served
 */
public record ApiServices(ModelBundle bundle, OnlineFeatureBuilder features, OnlineScorer scorer,
                          ClientDirectory clients, ApplicationCheck check, VariableLabels labels, UserStore users, Sessions sessions, LoginThrottle throttle,
                          AuditLog audit) {

    /** Checks that nothing is missing. */
    public ApiServices {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(audit, "audit");
    }
}
