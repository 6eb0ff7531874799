package io.codeanatomy.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.ItemKey;
import io.codeanatomy.compat.Kind;
import io.codeanatomy.compat.Lock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy show FILE}: what a manifest or lock holds, with each profile's hashes, so
 * that a hash seen in a log or a cache key can be traced to a profile and a version.
 */
@Command(name = "show",
    header = "Lists what a manifest or lock holds.",
    description = "Lists the settings schemas, policies and contracts of a manifest or lock with "
        + "their versions (for a lock, every released version; retired items are marked), and "
        + "every profile with its settings hash and planning-environment hash.")
final class ShowCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  @Parameters(index = "0", paramLabel = "FILE", description = "A manifest or a lock.")
  private Path file;

  @Option(names = "--json", description = "Print the listing as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    Inputs.Input input = Inputs.read(file);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? Json.render(toJson(input)) : text(input));
    out.flush();
    return CodeAnatomyCli.EXIT_COMPATIBLE;
  }

  static String text(Inputs.Input input) {
    StringBuilder text = new StringBuilder();
    text.append("contract set ").append(input.contractSet()).append(": ")
        .append(input.isManifest() ? "manifest " : "lock ").append(input.source()).append('\n');
    Lock lock = input.lock();
    for (Kind kind : Kind.values()) {
      long count = lock.histories().keySet().stream().filter(k -> k.kind() == kind).count();
      text.append('\n').append(heading(kind)).append(" (").append(count).append(")\n");
      lock.histories().forEach((key, history) -> {
        if (key.kind() != kind) {
          return;
        }
        text.append("  ").append(key.name()).append(history.retired() ? " (retired)" : "")
            .append('\n');
        for (ObjectNode version : history.versions()) {
          text.append("    version ").append(version.path("version").asInt()).append(": ")
              .append(summary(kind, version)).append('\n');
          if (kind == Kind.PLANNING_POLICY) {
            for (JsonNode profile : version.path("profiles")) {
              text.append("      profile ").append(profile.path("name").asText())
                  .append(": settings hash ").append(hash(profile.path("settingsHash")))
                  .append(", planning environment hash ")
                  .append(hash(profile.path("planningEnvironmentHash"))).append('\n');
            }
          }
        }
      });
    }
    return text.toString();
  }

  /** What identifies a version at a glance; the full entry is in the file itself. */
  private static String summary(Kind kind, ObjectNode version) {
    List<String> parts = new ArrayList<>();
    switch (kind) {
      case SETTINGS_SCHEMA -> {
        optional(parts, "namespace", version.path("namespace"));
        parts.add(count(version.path("settings").size(), "setting"));
      }
      case PLANNING_POLICY -> parts.add(count(version.path("profiles").size(), "profile"));
      case CONTRACT -> {
        optional(parts, "layout", version.path("layout"));
        parts.add(count(version.path("fields").size(), "field"));
      }
    }
    optional(parts, "fingerprint", version.path("schemaFingerprint"));
    return String.join(", ", parts);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static void optional(List<String> parts, String label, JsonNode value) {
    if (value.isTextual()) {
      parts.add(label + " " + value.asText());
    }
  }

  private static String hash(JsonNode value) {
    return value.isTextual() ? value.asText() : "(none)";
  }

  private static String heading(Kind kind) {
    return switch (kind) {
      case SETTINGS_SCHEMA -> "settings schemas";
      case PLANNING_POLICY -> "policies";
      case CONTRACT -> "contracts";
    };
  }

  /** The same listing as {@link #text}, sections named and keyed as in the lock file. */
  static ObjectNode toJson(Inputs.Input input) {
    ObjectNode root = Json.object();
    root.put("format", input.format());
    root.put("contractSet", input.contractSet());
    for (Kind kind : Kind.values()) {
      ArrayNode items = root.putArray(kind.section());
      input.lock().histories().forEach((key, history) -> {
        if (key.kind() != kind) {
          return;
        }
        ObjectNode item = items.addObject();
        item.put(kind.identity(), key.name());
        item.put("retired", history.retired());
        ArrayNode versions = item.putArray("versions");
        for (ObjectNode entry : history.versions()) {
          versions.add(version(key, entry));
        }
      });
    }
    return root;
  }

  private static ObjectNode version(ItemKey key, ObjectNode entry) {
    ObjectNode version = Json.object();
    version.put("version", entry.path("version").asInt());
    switch (key.kind()) {
      case SETTINGS_SCHEMA -> {
        copy(entry, version, "namespace");
        copy(entry, version, "schemaFingerprint");
        names(entry.path("settings"), "key", version.putArray("settings"));
      }
      case PLANNING_POLICY -> {
        copy(entry, version, "schemaFingerprint");
        ArrayNode profiles = version.putArray("profiles");
        for (JsonNode profile : entry.path("profiles")) {
          ObjectNode out = profiles.addObject();
          copy(profile, out, "name");
          copy(profile, out, "settingsHash");
          copy(profile, out, "planningEnvironmentHash");
        }
      }
      case CONTRACT -> {
        copy(entry, version, "layout");
        copy(entry, version, "schemaFingerprint");
        names(entry.path("fields"), "name", version.putArray("fields"));
      }
    }
    return version;
  }

  /** Copies a field, or null when it is absent, so that every entry has the same keys. */
  private static void copy(JsonNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null) {
      to.putNull(field);
    } else {
      to.set(field, value.deepCopy());
    }
  }

  private static void names(JsonNode array, String field, ArrayNode into) {
    for (JsonNode element : array) {
      into.add(element.path(field).asText());
    }
  }
}
