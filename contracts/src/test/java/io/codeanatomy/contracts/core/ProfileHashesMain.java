package io.codeanatomy.contracts.core;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints every hash the core policy produces, one per line, so that a test can compare the output
 * of JVMs started with other locales, time zones and default charsets.
 */
public final class ProfileHashesMain {

  private ProfileHashesMain() {}

  static List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (String name : CodeAnatomyPolicyContract.profileNames()) {
      CodeAnatomyPolicy policy = CodeAnatomyPolicyContract.profile(name);
      // Rebuilt from text, so parsing is exercised under the foreign locale too.
      CodeAnatomyPolicy parsed = CodeAnatomyPolicyContract.fromSettings(policy.effectiveSettings());
      lines.add(name + " " + parsed.settingsHash() + " " + parsed.planningEnvironmentHash() + " "
          + parsed.featureGateParityHash());
    }
    return lines;
  }

  public static void main(String[] args) {
    lines().forEach(System.out::println);
  }
}
