package io.codeanatomy.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickstartTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = QuickstartMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsEveryProfileWithA64HexHashThatAgreesWithTheManifest() {
    Run run = run();
    assertEquals(0, run.exit(), run.err());
    for (String profile : List.of("default", "gentle", "aggressive", "archive")) {
      assertTrue(run.out().lines().anyMatch(
          l -> l.matches("  " + profile + " +[0-9a-f]{64}  +\\d+ settings  = manifest")),
          profile + " in\n" + run.out());
    }
  }

  @Test
  void printsOneProfilesSettings() {
    Run run = run("archive");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("crawler.politeness.max_depth = 20"), run.out());
    assertTrue(run.out().contains("crawler.fetch.max_page_size = 67108864"), run.out());
    assertTrue(run.out().contains("crawler.politeness.per_host_limit = 1"), run.out());
  }

  @Test
  void badArgumentsGetUsageOrTheKnownProfiles() {
    Run unknown = run("fast");
    assertEquals(2, unknown.exit());
    assertEquals("unknown profile 'fast' of policy crawler; known profiles: default, gentle, "
        + "aggressive, archive", unknown.err().strip());
    Run flag = run("--help");
    assertEquals(2, flag.exit());
    assertTrue(flag.err().startsWith("usage:"), flag.err());
  }
}
