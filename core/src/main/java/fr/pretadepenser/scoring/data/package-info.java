/**
 * The raw rows of the Home Credit files as the product receives them (an application and its history), the
 * error that names the file, line, column and value a user must fix, and the memory budget of the batch jobs that
 * read them through DuckDB.
 */
package fr.pretadepenser.scoring.data;
