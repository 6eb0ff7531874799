package io.codeanatomy.runtime.plan;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.session.Corpus;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fingerprint and identity of every TPC-H query, one line each: what {@link
 * CorpusFingerprintsTest} compares between this JVM and others started with other locales, time
 * zones and default charsets.
 */
public final class CorpusFingerprints {

  private CorpusFingerprints() {}

  /** {@code 01.sql <fingerprint> <identity> <substrait sha-256>} for each query, in order. */
  public static List<String> lines(CodeAnatomyPolicy policy) {
    List<String> lines = new ArrayList<>();
    try (PlanningSession session = Sessions.tpch(policy, "default", Map.of())) {
      for (Path query : Corpus.tpchQueries()) {
        String name = query.getFileName().toString();
        PlanBundle bundle = session.plan(name, Corpus.read(query));
        lines.add(name + " " + bundle.fingerprintHash() + " " + bundle.identityHash() + " "
            + bundle.fingerprint().getSubstraitHash());
      }
    }
    return lines;
  }

  public static void main(String[] args) {
    lines(CodeAnatomyPolicyContract.profile("default")).forEach(System.out::println);
  }
}
