package io.codeanatomy.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark context every test class of this module shares (starting one costs
 * seconds): two cores, two shuffle partitions, bound to the loopback address. Each test class
 * takes its own {@link SparkEngine#on engine} on it, so that tables never leak between classes.
 * Spark stops the context at JVM exit.
 */
final class SparkTests {

  private static SparkSession shared;

  private SparkTests() {}

  static synchronized SparkSession session() {
    if (shared == null) {
      shared = SparkSession.builder()
          .master("local[2]")
          .appName("codeanatomy-spark-tests")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
    }
    return shared;
  }

  static SparkEngine engine() {
    return SparkEngine.on(session());
  }
}
