package io.codeanatomy.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the synthetic corpus the compile benchmark compiles: {@code n} settings records of 30
 * components each, with defaults, and 10 profiles per record, in three spellings of the same
 * content: ours ({@code @SettingsSchema} + {@code @PlanningPolicy} with {@code @Profile}s),
 * Immutables ({@code @Value.Immutable} with {@code @Value.Default}s, profiles as builder
 * constants) and AutoValue (builder with defaults, profiles as builder constants).
 */
public final class CompileCorpus {

  /** Components per record. */
  static final int COMPONENTS = 30;
  /** Profiles per policy (each record has one). */
  static final int PROFILES = 10;

  /** The spellings. */
  public enum Flavor { OURS, IMMUTABLES, AUTO_VALUE }

  private CompileCorpus() {}

  /** Writes {@code n} records in {@code flavor} under {@code dir}; returns the source files. */
  public static List<Path> write(Path dir, Flavor flavor, int n) throws IOException {
    List<Path> files = new ArrayList<>();
    Path pkg = dir.resolve("bench");
    Files.createDirectories(pkg);
    for (int i = 0; i < n; i++) {
      String name = String.format(Locale.ROOT, "S%04d", i);
      switch (flavor) {
        case OURS -> {
          files.add(write(pkg.resolve(name + ".java"), ours(name, i)));
          files.add(write(pkg.resolve("P" + name.substring(1) + ".java"), oursPolicy(name, i)));
        }
        case IMMUTABLES -> files.add(write(pkg.resolve(name + ".java"), immutables(name)));
        case AUTO_VALUE -> files.add(write(pkg.resolve(name + ".java"), autoValue(name)));
      }
    }
    return files;
  }

  private static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Component {@code c}'s Java type, cycling through the setting types. */
  private static String type(int c) {
    return switch (c % 5) {
      case 0 -> "int";
      case 1 -> "boolean";
      case 2 -> "String";
      case 3 -> "long";
      default -> "double";
    };
  }

  private static String defaultText(int c) {
    return switch (c % 5) {
      case 0 -> String.valueOf(8 + c);
      case 1 -> "true";
      case 2 -> "v" + c;
      case 3 -> String.valueOf(1_000L * c);
      default -> "0.5";
    };
  }

  private static String javaDefault(int c) {
    return switch (c % 5) {
      case 0 -> String.valueOf(8 + c);
      case 1 -> "true";
      case 2 -> "\"v" + c + "\"";
      case 3 -> 1_000L * c + "L";
      default -> "0.5";
    };
  }

  /** Profile {@code p}'s value of component {@code c} (profiles change components 0, 3, 5). */
  private static String profileText(int c, int p) {
    return c % 5 == 0 ? String.valueOf(p + 1) : c % 5 == 3 ? String.valueOf(p * 10L)
        : "false";
  }

  private static String profileJava(int c, int p) {
    return c % 5 == 3 ? p * 10L + "L" : profileText(c, p);
  }

  private static final int[] PROFILED = {0, 3, 6};

  private static String ours(String name, int i) {
    StringBuilder s = new StringBuilder("package bench;\n\n"
        + "import io.codeanatomy.contracts.annotations.Setting;\n"
        + "import io.codeanatomy.contracts.annotations.SettingsSchema;\n\n"
        + "@SettingsSchema(namespace = \"bench." + name.toLowerCase(Locale.ROOT)
        + "\", version = 1)\npublic record " + name + "(\n");
    for (int c = 0; c < COMPONENTS; c++) {
      s.append("    @Setting(defaultValue = \"").append(defaultText(c))
          .append("\", doc = \"Component ").append(c).append(".\") ").append(type(c))
          .append(" c").append(c).append(c + 1 < COMPONENTS ? ",\n" : ") {}\n");
    }
    return s.toString();
  }

  private static String oursPolicy(String name, int i) {
    String namespace = "bench." + name.toLowerCase(Locale.ROOT);
    StringBuilder s = new StringBuilder("package bench;\n\n"
        + "import io.codeanatomy.contracts.annotations.PlanningPolicy;\n"
        + "import io.codeanatomy.contracts.annotations.Profile;\n\n"
        + "@PlanningPolicy(name = \"p" + name.substring(1) + "\", version = 1)\n");
    for (int p = 0; p < PROFILES; p++) {
      s.append("@Profile(name = \"p").append(p).append("\", set = {");
      for (int k = 0; k < PROFILED.length; k++) {
        int c = PROFILED[k];
        s.append(k == 0 ? "" : ", ").append('"').append(namespace).append(".c").append(c)
            .append('=').append(profileText(c, p)).append('"');
      }
      s.append("})\n");
    }
    return s.append("public record P").append(name.substring(1)).append("(").append(name)
        .append(" settings) {}\n").toString();
  }

  private static String immutables(String name) {
    StringBuilder s = new StringBuilder("package bench;\n\n"
        + "import org.immutables.value.Value;\n\n"
        + "@Value.Immutable\npublic abstract class " + name + " {\n");
    for (int c = 0; c < COMPONENTS; c++) {
      s.append("  /** Component ").append(c).append(". */\n  @Value.Default\n  public ")
          .append(type(c)).append(" c").append(c).append("() {\n    return ")
          .append(javaDefault(c)).append(";\n  }\n\n");
    }
    for (int p = 0; p < PROFILES; p++) {
      s.append("  public static final ").append(name).append(" P").append(p).append(" = Immutable")
          .append(name).append(".builder()");
      for (int c : PROFILED) {
        s.append(".c").append(c).append('(').append(profileJava(c, p)).append(')');
      }
      s.append(".build();\n");
    }
    return s.append("}\n").toString();
  }

  private static String autoValue(String name) {
    StringBuilder s = new StringBuilder("package bench;\n\n"
        + "import com.google.auto.value.AutoValue;\n\n"
        + "@AutoValue\npublic abstract class " + name + " {\n");
    for (int c = 0; c < COMPONENTS; c++) {
      s.append("  /** Component ").append(c).append(". */\n  public abstract ").append(type(c))
          .append(" c").append(c).append("();\n");
    }
    s.append("\n  public static Builder builder() {\n    return new AutoValue_").append(name)
        .append(".Builder()");
    for (int c = 0; c < COMPONENTS; c++) {
      s.append("\n        .c").append(c).append('(').append(javaDefault(c)).append(')');
    }
    s.append(";\n  }\n\n  public abstract Builder toBuilder();\n\n"
        + "  @AutoValue.Builder\n  public abstract static class Builder {\n");
    for (int c = 0; c < COMPONENTS; c++) {
      s.append("    public abstract Builder c").append(c).append('(').append(type(c))
          .append(" value);\n");
    }
    s.append("    public abstract ").append(name).append(" build();\n  }\n\n");
    for (int p = 0; p < PROFILES; p++) {
      s.append("  public static final ").append(name).append(" P").append(p)
          .append(" = builder()");
      for (int c : PROFILED) {
        s.append(".c").append(c).append('(').append(profileJava(c, p)).append(')');
      }
      s.append(".build();\n");
    }
    return s.append("}\n").toString();
  }
}
