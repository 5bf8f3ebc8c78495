/**
 * Who may call the scoring API: accounts with a role ({@link fr.pretadepenser.scoring.auth.UserStore}, a JSON file
 * of bcrypt password hashes and SHA-256 hashes of API keys), dashboard login sessions
 * ({@link fr.pretadepenser.scoring.auth.Sessions}) and a brute-force brake on logins
 * ({@link fr.pretadepenser.scoring.auth.LoginThrottle}). The HTTP layer calls these from its before-handlers and
 * turns a {@link fr.pretadepenser.scoring.auth.Principal} into an authorisation decision with
 * {@link fr.pretadepenser.scoring.auth.Role#allows}; nothing here knows about HTTP.
 */
package fr.pretadepenser.scoring.auth;
