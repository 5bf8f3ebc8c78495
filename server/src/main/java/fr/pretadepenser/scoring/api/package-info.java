/**
 * The JSON scoring API (Javalin): not built yet; the scoring API issue adds the routes here.
 */
package fr.pretadepenser.scoring.api;
