/**
 * The pipeline on Apache Spark, for data that outgrows one machine: the same feature SQL files and manifest as the
 * DuckDB engine, distributed training with XGBoost4J-Spark into a normal model bundle, and batch scoring. Built
 * only with the {@code spark} Maven profile, so that the default jar does not carry Spark.
 */
package fr.pretadepenser.scoring.spark;
