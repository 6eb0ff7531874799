package io.codeanatomy.examples.quickstart;

import io.codeanatomy.compat.manifest.PolicyEntry;
import io.codeanatomy.compat.manifest.ProfileEntry;
import io.codeanatomy.contracts.support.UnknownProfileException;
import io.codeanatomy.runtime.manifest.Manifests;
import java.io.PrintStream;
import java.util.Map;

/**
 * Prints every profile of the crawler policy with its settings hash, and checks each hash against
 * the one the processor recorded in the manifest at compile time. With a profile name as argument,
 * prints that profile's effective settings instead.
 */
public final class QuickstartMain {

  private QuickstartMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
      err.println("usage: QuickstartMain [PROFILE]");
      err.println("  without PROFILE: every profile of policy crawler with its settings hash");
      err.println("  with PROFILE:    that profile's effective settings");
      return 2;
    }
    if (args.length == 1) {
      try {
        CrawlPolicy policy = CrawlPolicyContract.profile(args[0]);
        policy.effectiveSettings().forEach((key, value) -> out.println(key + " = " + value));
        out.println("settings hash: " + policy.settingsHash());
        return 0;
      } catch (UnknownProfileException e) {
        err.println(e.getMessage());
        return 2;
      }
    }
    PolicyEntry manifest = Manifests
        .onClassPath(QuickstartMain.class.getClassLoader(), "quickstart")
        .policy(CrawlPolicyContract.POLICY_NAME).orElseThrow();
    out.printf("policy %s (version %d): %d profiles%n", CrawlPolicyContract.POLICY_NAME,
        CrawlPolicyContract.POLICY_VERSION, CrawlPolicyContract.profileNames().size());
    int mismatches = 0;
    for (String name : CrawlPolicyContract.profileNames()) {
      CrawlPolicy policy = CrawlPolicyContract.profile(name);
      String hash = policy.settingsHash();
      String recorded = manifest.profile(name).map(ProfileEntry::settingsHash)
          .orElse("(not in the manifest)");
      boolean agrees = hash.equals(recorded);
      mismatches += agrees ? 0 : 1;
      Map<String, String> settings = policy.effectiveSettings();
      out.printf("  %-11s %s  %2d settings  %s%n", name, hash, settings.size(),
          agrees ? "= manifest" : "!= manifest " + recorded);
    }
    if (mismatches > 0) {
      err.println(mismatches + " profile(s) disagree with the manifest: rebuild the project");
      return 1;
    }
    return 0;
  }
}
