/**
 * Reports for the risk committee: the methodology note of a model bundle, rendered from the bundle alone as one
 * self-contained XHTML page (charts as inline SVG) and as a PDF of the same page. Nothing in a report is typed by
 * hand: every number is read from the bundle, the feature manifest or the feature table.
 *
 * <p>{@code Xhtml} stays a small builder (escaping is Commons Text's): the PDF renderer needs well-formed XHTML,
 * which HTML builders such as j2html do not guarantee.
 *
 * <p>{@code SvgChart} stays hand-written: inline SVG with {@code title}/{@code desc} for screen readers, identical
 * in the browser and the PDF, where the Java chart libraries are LGPL/GPL (JFreeChart) or draw through Java2D.
 */
package fr.pretadepenser.scoring.report;
