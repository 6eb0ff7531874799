package io.codeanatomy.examples.parity;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.ExtensionGovernance;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import io.codeanatomy.contracts.relspec.PlanningSurfacePolicyContract;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract;
import io.codeanatomy.contracts.relspec.RulepackSpecContract;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.payload.ProtoPayloads;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.session.PlanningSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.calcite.adapter.tpcds.TpcdsSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Writes the largest TPC-DS plan bundle (Substrait bytes plus its fingerprint and identity
 * payloads, as the run artifacts hold them) for the Rust reader benchmark
 * ({@code examples/read_bench.rs}): plans every query of the shared corpus over empty TPC-DS
 * tables and keeps the bundle with the most bytes. Not part of the test run; see
 * docs/benchmarks.md for the command.
 */
public final class BenchFixtures {

  private BenchFixtures() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/parity/bench");
    Path queries = corpus().resolve("tpcds/queries");
    String largest = null;
    long largestBytes = -1;
    byte[][] files = null;
    try (PlanningSession session = session(); Stream<Path> list = Files.list(queries)) {
      for (Path query : list.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
        String name = query.getFileName().toString().replace(".sql", "");
        PlanBundle bundle;
        try {
          bundle = session.plan(name, Files.readString(query, StandardCharsets.UTF_8));
        } catch (RuntimeException | AssertionError e) {
          continue; // the queries isthmus cannot convert (TpcdsCorpusTest lists them)
        }
        byte[][] candidate = {
            ProtoPayloads.of(PlanFingerprint.class).toJson(bundle.fingerprint())
                .getBytes(StandardCharsets.UTF_8),
            ProtoPayloads.of(PlanIdentity.class).toJson(bundle.identity())
                .getBytes(StandardCharsets.UTF_8),
            bundle.substrait()};
        long bytes = candidate[0].length + candidate[1].length + candidate[2].length;
        if (bytes > largestBytes) {
          largest = name;
          largestBytes = bytes;
          files = candidate;
        }
      }
    }
    if (files == null) {
      throw new IllegalStateException("no TPC-DS query planned");
    }
    Path dir = out.resolve("tpcds");
    RuntimeVectors.deleteTree(dir);
    Files.createDirectories(dir);
    Files.write(dir.resolve("fingerprint.json"), files[0]);
    Files.write(dir.resolve("identity.json"), files[1]);
    Files.write(dir.resolve("substrait.binpb"), files[2]);
    Files.writeString(dir.resolve("query.txt"), largest + "\n");
    System.out.println("largest TPC-DS bundle: " + largest + ", " + largestBytes + " bytes ("
        + files[2].length + " of Substrait), written to " + dir.toAbsolutePath());
  }

  private static PlanningSession session() {
    var spec = PlanningSurfaceSpecContract.builder()
        .policy(PlanningSurfacePolicyContract.builder().enableDefaultFeatures(true).build())
        .rulepack(RulepackSpecContract.builder().profile("default").build())
        .extensionGovernance(ExtensionGovernance.PERMISSIVE)
        .build();
    PlanningSession.Builder builder = PlanningSession.builder(spec,
        CodeAnatomyPolicyContract.profile("default"), "default");
    TpcdsSchema tpcds = new TpcdsSchema(1.0);
    RelDataTypeFactory types = new JavaTypeFactoryImpl();
    for (String name : new TreeSet<>(tpcds.tables().getNames(LikePattern.any()))) {
      RelDataType rowType = tpcds.tables().get(name).getRowType(types);
      RelDataTypeFactory.Builder columns = types.builder();
      for (RelDataTypeField field : rowType.getFieldList()) {
        RelDataType type = field.getType();
        if (type.getSqlTypeName() == SqlTypeName.TIME) {
          // The catalog has no TIME; no query reads the one column that has it.
          type = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR),
              type.isNullable());
        }
        columns.add(field.getName().toUpperCase(Locale.ROOT), type);
      }
      builder.ensureRegistered(new TableSource.Memory(
          TableSchema.of(name.toUpperCase(Locale.ROOT), columns.build()), List.of()));
    }
    return builder.build();
  }

  private static Path corpus() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate : List.of(dir.resolve("shared/corpus"),
          dir.resolveSibling("shared").resolve("corpus"))) {
        if (Files.isDirectory(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("the query corpus (shared/corpus beside the project) is "
        + "missing");
  }
}
