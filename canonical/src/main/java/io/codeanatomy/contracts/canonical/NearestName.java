package io.codeanatomy.contracts.canonical;

import java.util.Collection;

/**
 * Finds the known name closest to a misspelled one, for "did you mean" hints. Used by the
 * processor (unknown keys in profiles) and by generated code (unknown keys in settings maps), so
 * both suggest the same thing.
 */
public final class NearestName {

  private NearestName() {}

  /**
   * The name in {@code known} with the smallest edit distance to {@code name}, if that distance is
   * at most a third of the name's length (and at least 1); otherwise null. Ties go to the name that
   * sorts first, so the hint is deterministic.
   */
  public static String of(String name, Collection<String> known) {
    int limit = Math.max(1, name.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(name, candidate, limit);
      if (d <= limit && (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0))) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /**
   * Edit distance counting insertions, deletions, substitutions and swaps of neighbours
   * ({@code bsae -> base} is 1), giving up (returning limit + 1) once it exceeds {@code limit}.
   */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[] beforePrevious = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, beforePrevious[j - 2] + 1);
        }
        current[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] recycled = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length()];
  }
}
