/**
 * The scoring API: one Javalin server serving JSON under {@code /api/v1}, its OpenAPI document and Swagger UI,
 * Prometheus metrics and (later) the dashboard. {@link fr.pretadepenser.scoring.api.ApiServer} wires everything
 * once; each {@code *Routes} class holds the handlers of one resource with their OpenAPI annotations, and
 * {@link fr.pretadepenser.scoring.api.ApiError} is the one error body every failure answers with.
 */
package fr.pretadepenser.scoring.api;
