/**
 * The raw rows of the Home Credit files as the product receives them (an application and its history), and the
 * error that names the file, line, column and value a user must fix.
 */
package fr.pretadepenser.scoring.data;
