/**
 * The benchmarks behind {@code scoring bench data|features|model|baseline|api}: each generates a synthetic data set
 * (bench baseline can instead read an existing feature table), runs the product's stages (in child JVMs, so that
 * each stage's peak memory is its own) and prints its figures with the machine and the command that reproduces them.
 * Demo and measurement code: the product never depends on it.
 */
package fr.pretadepenser.scoring.bench;
