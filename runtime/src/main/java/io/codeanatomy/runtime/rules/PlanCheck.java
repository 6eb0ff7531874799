package io.codeanatomy.runtime.rules;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.relspec.SqlPolicy;
import org.apache.calcite.rel.RelNode;

/** An analyzer rule: looks at the unoptimized plan and refuses it, or lets it pass. */
@FunctionalInterface
public interface PlanCheck {

  /** What a check may consult besides the plan. */
  record Context(SqlPolicy sqlPolicy, CodeAnatomyPolicy policy) {}

  /**
   * @throws PlanRejectedException naming the rule and what it refused
   */
  void check(RelNode plan, Context context);
}
