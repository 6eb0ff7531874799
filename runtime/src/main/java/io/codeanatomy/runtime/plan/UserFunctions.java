package io.codeanatomy.runtime.plan;

import io.codeanatomy.contracts.relspec.FunctionInfo;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshot;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshotContract;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * The user-defined functions a session registered, by stable name: the operator table that
 * resolves calls to them, the snapshot of them that {@code udf_snapshot_hash} is the hash of,
 * the functions a plan calls ({@code required_udfs}), and their Substrait mapping. Immutable.
 */
public final class UserFunctions {

  /** No user-defined function. */
  public static final UserFunctions NONE = new UserFunctions(List.of());

  private final SortedMap<String, UserFunction> byName;
  private final Map<SqlOperator, UserFunction> byOperator;
  private final SqlOperatorTable operatorTable;
  private volatile SubstraitMapping substrait;

  private UserFunctions(List<UserFunction> functions) {
    SortedMap<String, UserFunction> names = new TreeMap<>();
    Map<SqlOperator, UserFunction> operators = new java.util.IdentityHashMap<>();
    for (UserFunction function : functions) {
      UserFunction other = names.put(function.name(), function);
      if (other != null && !other.equals(function)) {
        throw new IllegalArgumentException("two functions are named " + function.name() + ": "
            + other + " and " + function);
      }
      operators.put(function.operator(), function);
    }
    this.byName = java.util.Collections.unmodifiableSortedMap(names);
    this.byOperator = operators;
    this.operatorTable = new Table();
  }

  /** These functions; two of one name must be the same function. */
  public static UserFunctions of(Collection<UserFunction> functions) {
    return functions.isEmpty() ? NONE : new UserFunctions(List.copyOf(functions));
  }

  /** Every function by stable name. */
  public SortedMap<String, UserFunction> byName() {
    return byName;
  }

  public Optional<UserFunction> function(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /**
   * The operators calls resolve to. Function names are matched whatever their case (as SQL
   * function names are when unquoted), so that a query finds them under any identifier setting.
   */
  public SqlOperatorTable operatorTable() {
    return operatorTable;
  }

  /** The snapshot of every function: name, kind and signature, sorted by name. */
  public FunctionRegistrySnapshot snapshot() {
    return snapshotOf(byName.keySet());
  }

  /** The snapshot of the named functions (a plan's {@code required_udfs}). */
  public FunctionRegistrySnapshot snapshotOf(Collection<String> names) {
    FunctionRegistrySnapshot.Builder snapshot = FunctionRegistrySnapshot.newBuilder();
    for (String name : new TreeSet<>(names)) {
      UserFunction function = byName.get(name);
      if (function == null) {
        throw new IllegalArgumentException("no user-defined function " + name);
      }
      snapshot.addFunctions(function.info());
    }
    return snapshot.build();
  }

  /**
   * The hash of the snapshot of {@code names}: empty when there are none, as the fingerprint of
   * a plan that calls no user-defined function records it.
   */
  public String snapshotHash(Collection<String> names) {
    return names.isEmpty() ? "" : FunctionRegistrySnapshotContract.hash(snapshotOf(names));
  }

  /**
   * The {@code udf_snapshot_hash} of the functions a snapshot lists: the hash of those entries of
   * {@code all} whose names are {@code required}; empty when none is required. What verifying an
   * artifact recomputes from a session's snapshot of its functions.
   *
   * @throws IllegalArgumentException naming a required function {@code all} does not list
   */
  public static String snapshotHash(FunctionRegistrySnapshot all, Collection<String> required) {
    if (required.isEmpty()) {
      return "";
    }
    Map<String, FunctionInfo> byName = new TreeMap<>();
    all.getFunctionsList().forEach(f -> byName.put(f.getName(), f));
    FunctionRegistrySnapshot.Builder subset = FunctionRegistrySnapshot.newBuilder();
    for (String name : new TreeSet<>(required)) {
      FunctionInfo info = byName.get(name);
      if (info == null) {
        throw new IllegalArgumentException("function " + name + " is not in the snapshot");
      }
      subset.addFunctions(info);
    }
    return FunctionRegistrySnapshotContract.hash(subset.build());
  }

  /** The stable names of the user-defined functions {@code plan} calls, sorted. */
  public List<String> calledBy(RelNode plan) {
    if (byName.isEmpty()) {
      return List.of();
    }
    Set<String> called = new TreeSet<>();
    collect(plan, called);
    return List.copyOf(called);
  }

  private void collect(RelNode plan, Set<String> called) {
    RexShuttle calls = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        note(call.getOperator(), called);
        return super.visitCall(call);
      }

      @Override
      public RexNode visitOver(RexOver over) {
        note(over.getAggOperator(), called);
        return super.visitOver(over);
      }

      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        collect(subQuery.rel, called);
        return super.visitSubQuery(subQuery);
      }
    };
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        node.accept(calls);
        if (node instanceof Aggregate aggregate) {
          for (AggregateCall call : aggregate.getAggCallList()) {
            note(call.getAggregation(), called);
          }
        }
        if (node instanceof Window window) {
          window.groups.forEach(group -> group.aggCalls.forEach(
              call -> note(call.getOperator(), called)));
        }
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
  }

  private void note(SqlOperator operator, Set<String> called) {
    UserFunction function = byOperator.get(operator);
    if (function != null) {
      called.add(function.name());
    }
  }

  /** The Substrait mapping of the standard functions and these (made once, on first use). */
  SubstraitMapping substrait() {
    SubstraitMapping mapping = substrait;
    if (mapping == null) {
      synchronized (this) {
        mapping = substrait;
        if (mapping == null) {
          mapping = SubstraitMapping.of(this);
          substrait = mapping;
        }
      }
    }
    return mapping;
  }

  /** The functions as operators of their own table; names match whatever their case. */
  private final class Table implements SqlOperatorTable {
    @Override
    public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category,
        SqlSyntax syntax, List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
      if (!opName.isSimple() || syntax != SqlSyntax.FUNCTION) {
        return;
      }
      UserFunction function = byName.get(opName.getSimple().toLowerCase(Locale.ROOT));
      if (function != null) {
        operatorList.add(function.operator());
      }
    }

    @Override
    public List<SqlOperator> getOperatorList() {
      List<SqlOperator> operators = new ArrayList<>();
      byName.values().forEach(f -> operators.add(f.operator()));
      return operators;
    }
  }

  @Override
  public String toString() {
    return "UserFunctions" + byName.values();
  }
}
