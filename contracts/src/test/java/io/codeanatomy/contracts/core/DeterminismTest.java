package io.codeanatomy.contracts.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * Same inputs, same hashes: under a Turkish locale (where "I".toLowerCase() is not "i"), another
 * time zone, a non-UTF-8 default charset, and in separate JVMs.
 */
class DeterminismTest {

  @Test
  void hashesDoNotDependOnLocaleOrTimeZoneInProcess() {
    List<String> expected = ProfileHashesMain.lines();
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(new Locale("tr", "TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertEquals(expected, ProfileHashesMain.lines());
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void separateJvmsWithForeignLocaleZoneAndCharsetAgree() throws Exception {
    List<String> expected = ProfileHashesMain.lines();
    List<String> first = runJvm("-Duser.language=tr", "-Duser.country=TR",
        "-Duser.timezone=Pacific/Kiritimati", "-Dfile.encoding=ISO-8859-1");
    List<String> second = runJvm("-Duser.language=en", "-Duser.country=US",
        "-Duser.timezone=America/Los_Angeles", "-Dfile.encoding=UTF-16");
    assertEquals(expected, first);
    assertEquals(expected, second);
  }

  private static List<String> runJvm(String... properties) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(properties));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ProfileHashesMain.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // The child's stdout is in its default charset, which these runs deliberately vary; hashes
    // and profile names are ASCII, which every one of those charsets but UTF-16 writes alike.
    byte[] out = process.getInputStream().readAllBytes();
    int exit = process.waitFor();
    String text = new String(out, charsetOf(properties));
    assertEquals(0, exit, text);
    return text.lines().toList();
  }

  private static java.nio.charset.Charset charsetOf(String... properties) {
    for (String p : properties) {
      if (p.startsWith("-Dfile.encoding=")) {
        return java.nio.charset.Charset.forName(p.substring("-Dfile.encoding=".length()));
      }
    }
    return StandardCharsets.UTF_8;
  }
}
