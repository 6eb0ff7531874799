package io.codeanatomy.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.ExtensionGovernance;
import io.codeanatomy.contracts.relspec.PlanningSurfacePolicyContract;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract;
import io.codeanatomy.contracts.relspec.RulepackSpecContract;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.session.PlanningSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV listing (a folder of files with their columns in different orders, empty fields, and a
 * subdirectory the scan settings ignore) gives Spark the
 * rows the session's catalog read under its scan settings: the same query returns the same rows
 * on both engines.
 */
class CsvCrossEngineTest {

  @Test
  void aCsvListingHasTheSameRowsOnBothEngines(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.csv"), "id,name,amount,sold_on\n"
        + "1,alpha,10.50,2024-01-01\n2,,3.25,2024-01-02\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("b.csv"), "SOLD_ON,amount,id,name\n2024-02-01,,3,gamma\n"
        + "2024-02-02,7.00,4,delta\n", StandardCharsets.UTF_8);
    // Ignored under the default profile's listing_table_ignore_subdirectory.
    Files.createDirectories(dir.resolve("more"));
    Files.writeString(dir.resolve("more/c.csv"), "id,name,amount,sold_on\n"
        + "5,hidden,1.00,2024-03-01\n", StandardCharsets.UTF_8);
    TableSchema sales = TableSchema.fromDdl("CREATE TABLE SALES (ID BIGINT NOT NULL, "
        + "NAME VARCHAR(20), AMOUNT DECIMAL(10, 2), SOLD_ON DATE NOT NULL)").get(0);
    var spec = PlanningSurfaceSpecContract.builder()
        .policy(PlanningSurfacePolicyContract.builder().enableDefaultFeatures(true)
            .tableFactoryAllowlist(List.of("memory", "csv")).build())
        .tableFactories(List.of("memory", "csv"))
        .rulepack(RulepackSpecContract.builder().profile("default").build())
        .extensionGovernance(ExtensionGovernance.STRICT_ALLOWLIST)
        .build();
    try (PlanningSession session = PlanningSession.builder(spec,
        CodeAnatomyPolicyContract.profile("default"), "default")
        .ensureRegistered(new TableSource.Csv(sales, dir)).build();
        SparkEngine spark = SparkTests.engine()) {
      spark.register(session.table("SALES").orElseThrow());
      assertEquals(4, session.table("SALES").orElseThrow().rows().size());
      PlanBundle bundle = session.plan("sales", "SELECT ID, NAME, AMOUNT * 2 AS DOUBLED, "
          + "SOLD_ON FROM SALES WHERE SOLD_ON >= DATE '2024-01-02' OR NAME = ''");
      QueryResult embedded = session.execute(bundle);
      assertEquals(3, embedded.rows().size(), "all but one row: " + embedded.rows());
      RowMultisets.assertSame("sales", embedded, spark.execute(bundle));
    }
  }
}
