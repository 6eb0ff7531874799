package io.codeanatomy.runtime.exec;

import io.codeanatomy.runtime.plan.PlanBundle;
import java.util.List;
import java.util.Objects;

/**
 * What a data-changing statement did.
 *
 * @param plan the statement's plan bundle: Substrait (a write relation), fingerprint and
 *     identity of the mutation, whose delta inputs name the table at {@code versionBefore}
 * @param table the table changed, upper case
 * @param rowCount how many rows the statement affected
 * @param versionBefore the table's version the statement read and changed
 * @param versionAfter the table's version afterwards: one more when rows changed, else the same
 * @param invalidatedPlans the cached plans dropped because they read the table, as the plan
 *     cache's invalidations record them
 */
public record UpdateResult(PlanBundle plan, String table, long rowCount, long versionBefore,
    long versionAfter, List<String> invalidatedPlans) {

  public UpdateResult {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(table, "table");
    invalidatedPlans = List.copyOf(invalidatedPlans);
  }
}
