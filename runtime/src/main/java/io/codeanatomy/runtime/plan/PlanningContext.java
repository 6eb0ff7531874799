package io.codeanatomy.runtime.plan;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.relspec.SqlPolicy;
import io.codeanatomy.runtime.catalog.Catalog;
import io.codeanatomy.runtime.rules.Rulepack;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Everything planning a query in a session reads. A session builds it once; nothing in it
 * changes afterwards but the rows of mutable tables and the plan cache's contents.
 *
 * @param parserConfig the SQL parser configuration the profile's settings give
 * @param operatorTable the SQL functions and operators, the user-defined functions among them
 * @param functions the session's user-defined functions
 * @param plannerNames the named planners of the planning surface, sorted
 * @param explainPerRule whether planning records what each rule did
 */
public record PlanningContext(
    Catalog catalog,
    SqlParser.Config parserConfig,
    SqlOperatorTable operatorTable,
    UserFunctions functions,
    Rulepack rulepack,
    CodeAnatomyPolicy policy,
    SqlPolicy sqlPolicy,
    Environment environment,
    List<String> plannerNames,
    boolean explainPerRule,
    PlanCache cache) {

  public PlanningContext {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(parserConfig, "parserConfig");
    Objects.requireNonNull(operatorTable, "operatorTable");
    Objects.requireNonNull(functions, "functions");
    Objects.requireNonNull(rulepack, "rulepack");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(sqlPolicy, "sqlPolicy");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(cache, "cache");
    plannerNames = List.copyOf(plannerNames);
  }
}
