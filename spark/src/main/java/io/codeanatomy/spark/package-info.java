/**
 * The Spark engine: executes a plan bundle's sealed Substrait bytes on Apache Spark. The bytes are
 * read back into Calcite ({@code SealedPlans}), checked against what this engine runs faithfully
 * ({@link io.codeanatomy.spark.SparkSupport}), rendered as Spark SQL by Calcite's
 * {@code RelToSqlConverter} and run by a {@code SparkSession} over the session's tables
 * registered under the names the plan scans. The SQL text of the bundle is never used.
 */
package io.codeanatomy.spark;
