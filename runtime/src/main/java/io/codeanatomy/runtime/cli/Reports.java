package io.codeanatomy.runtime.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.Change;
import io.codeanatomy.compat.Compatibility.Report;
import io.codeanatomy.compat.Subject;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a compatibility report, for people or for CI, and gives the exit code it means. */
final class Reports {

  private Reports() {}

  /** Prints {@code report} and returns 0 when it has no change, else 1. */
  static int print(Report report, boolean json, PrintWriter out) {
    out.print(json ? Json.render(toJson(report)) : text(report));
    out.flush();
    return report.compatible() ? CodeAnatomyCli.EXIT_COMPATIBLE
        : CodeAnatomyCli.EXIT_INCOMPATIBLE;
  }

  /** A line per change with its rule tag, the notes, and the verdict last, where CI logs end. */
  static String text(Report report) {
    StringBuilder text = new StringBuilder();
    for (Change change : report.changes()) {
      text.append(change.render()).append('\n');
    }
    for (String note : report.notes()) {
      text.append("note: ").append(note).append('\n');
    }
    int count = report.changes().size();
    text.append(count == 0 ? "compatible"
        : count + (count == 1 ? " incompatible change" : " incompatible changes"));
    return text.append('\n').toString();
  }

  static ObjectNode toJson(Report report) {
    ObjectNode root = Json.object();
    root.put("compatible", report.compatible());
    ArrayNode changes = root.putArray("changes");
    for (Change change : report.changes()) {
      Subject subject = change.subject();
      ObjectNode entry = changes.addObject();
      entry.put("rule", change.rule().id());
      entry.put("name", change.rule().name());
      // Locale.ROOT: under a Turkish default, "WIRE" would lower-case to "wıre".
      entry.put("class", change.rule().ruleClass().name().toLowerCase(Locale.ROOT));
      entry.put("bumpAllows", change.rule().bumpAllows());
      entry.put("item", subject.item().toString());
      entry.put("kind", subject.item().kind().toString());
      entry.put("itemName", subject.item().name());
      entry.put("member", subject.member());
      entry.put("memberKind", subject.memberKind());
      entry.put("aspect", subject.aspect());
      entry.put("old", change.oldValue());
      entry.put("new", change.newValue());
      entry.put("message", change.message());
    }
    ArrayNode notes = root.putArray("notes");
    report.notes().forEach(notes::add);
    return root;
  }
}
