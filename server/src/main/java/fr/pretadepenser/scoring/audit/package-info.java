/**
 * The decision audit trail: one {@link fr.pretadepenser.scoring.audit.AuditRecord} per scoring decision (who, when,
 * which model, which client, the probability, the decision and its main reasons), appended to a JSON-lines file
 * by {@link fr.pretadepenser.scoring.audit.AuditLog}, durably before the API answers, each line chained to the one
 * before by a SHA-256 so that an edited, removed or inserted line shows. Nothing of an application is recorded
 * beyond its SK_ID_CURR or a hash of the request.
 */
package fr.pretadepenser.scoring.audit;
