package io.codeanatomy.runtime.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.Kind;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.Entry;
import io.codeanatomy.compat.manifest.FieldEntry;
import io.codeanatomy.compat.manifest.ManifestJson;
import io.codeanatomy.compat.manifest.PolicyEntry;
import io.codeanatomy.compat.manifest.ProfileEntry;
import io.codeanatomy.compat.manifest.SchemaEntry;
import io.codeanatomy.compat.manifest.SettingEntry;
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
        for (Entry version : history.versions()) {
          text.append("    version ").append(version.version()).append(": ")
              .append(summary(version)).append('\n');
          if (version instanceof PolicyEntry policy) {
            for (ProfileEntry profile : policy.profiles()) {
              text.append("      profile ").append(profile.name())
                  .append(": settings hash ").append(profile.settingsHash())
                  .append(", planning environment hash ")
                  .append(profile.planningEnvironmentHash()).append('\n');
            }
          }
        }
      });
    }
    return text.toString();
  }

  /** What identifies a version at a glance; the full entry is in the file itself. */
  private static String summary(Entry version) {
    List<String> parts = new ArrayList<>();
    if (version instanceof SchemaEntry schema) {
      parts.add("namespace " + schema.namespace());
      parts.add(count(schema.settings().size(), "setting"));
    } else if (version instanceof PolicyEntry policy) {
      parts.add(count(policy.profiles().size(), "profile"));
    } else if (version instanceof ContractEntry contract) {
      parts.add("layout " + ManifestJson.jsonName(contract.layout()));
      parts.add(count(contract.fields().size(), "field"));
    }
    parts.add("fingerprint " + version.schemaFingerprint());
    return String.join(", ", parts);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
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
        for (Entry entry : history.versions()) {
          versions.add(version(entry));
        }
      });
    }
    return root;
  }

  private static ObjectNode version(Entry entry) {
    ObjectNode version = Json.object();
    version.put("version", entry.version());
    if (entry instanceof SchemaEntry schema) {
      version.put("namespace", schema.namespace());
      version.put("schemaFingerprint", schema.schemaFingerprint());
      ArrayNode keys = version.putArray("settings");
      schema.settings().stream().map(SettingEntry::key).forEach(keys::add);
    } else if (entry instanceof PolicyEntry policy) {
      version.put("schemaFingerprint", policy.schemaFingerprint());
      ArrayNode profiles = version.putArray("profiles");
      for (ProfileEntry profile : policy.profiles()) {
        profiles.addObject()
            .put("name", profile.name())
            .put("settingsHash", profile.settingsHash())
            .put("planningEnvironmentHash", profile.planningEnvironmentHash());
      }
    } else if (entry instanceof ContractEntry contract) {
      version.put("layout", ManifestJson.jsonName(contract.layout()));
      version.put("schemaFingerprint", contract.schemaFingerprint());
      ArrayNode names = version.putArray("fields");
      contract.fields().stream().map(FieldEntry::name).forEach(names::add);
    }
    return version;
  }
}
