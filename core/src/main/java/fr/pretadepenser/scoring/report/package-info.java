/**
 * Reports for the risk committee: the methodology note of a model bundle, rendered from the bundle alone as one
 * self-contained XHTML page (charts as inline SVG) and as a PDF of the same page. Nothing in a report is typed by
 * hand: every number is read from the bundle, the feature manifest or the feature table.
 */
package fr.pretadepenser.scoring.report;
