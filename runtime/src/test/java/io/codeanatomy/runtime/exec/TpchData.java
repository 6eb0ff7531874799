package io.codeanatomy.runtime.exec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A small, deterministic TPC-H-shaped data set (every table of the corpus DDL; a few hundred
 * lineitems) from a fixed seed. Values are the Java types {@code TableSource.Memory} takes and
 * follow the DDL's column order and NOT NULLs; CHAR(n) text is blank-padded to n, VARCHAR(n)
 * text is at most n long.
 *
 * <p>The DDL's bare {@code DECIMAL} is {@code DECIMAL(19, 0)} in Calcite, so quantities and money
 * are whole numbers. Only L_DISCOUNT and L_TAX keep TPC-H's two decimal places: with scale 0 no
 * discount could meet Q6's {@code BETWEEN 0.02 AND 0.04}. A third of the orders fall just before
 * the Q3 cutoff (1995-03-25) and a share of lineitems ship in 1997 (Q6), so those queries have
 * rows to find.
 */
public final class TpchData {

  private static final long SEED = 0x7C0DE_A4A7L;

  private static final LocalDate START = LocalDate.of(1992, 1, 1);
  private static final LocalDate END = LocalDate.of(1998, 8, 2);
  /** TPC-H's "current date": decides return flags, line and order status. */
  private static final LocalDate CURRENT = LocalDate.of(1995, 6, 17);
  private static final LocalDate Q3_CUTOFF = LocalDate.of(1995, 3, 25);

  private static final int SUPPLIERS = 10;
  private static final int PARTS = 40;
  private static final int SUPPLIERS_PER_PART = 4;
  private static final int CUSTOMERS = 30;
  private static final int ORDERS = 100;

  private static final String[] REGIONS = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};
  private static final String[] NATIONS = {"ALGERIA", "ARGENTINA", "BRAZIL", "CANADA", "EGYPT",
      "ETHIOPIA", "FRANCE", "GERMANY", "INDIA", "INDONESIA", "IRAN", "IRAQ", "JAPAN", "JORDAN",
      "KENYA", "MOROCCO", "MOZAMBIQUE", "PERU", "CHINA", "ROMANIA", "SAUDI ARABIA", "VIETNAM",
      "RUSSIA", "UNITED KINGDOM", "UNITED STATES"};
  private static final int[] NATION_REGIONS = {0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2, 4, 0, 0,
      0, 1, 2, 3, 4, 2, 3, 3, 1};
  private static final String[] SEGMENTS = {"AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD",
      "MACHINERY"};
  private static final String[] PRIORITIES = {"1-URGENT", "2-HIGH", "3-MEDIUM",
      "4-NOT SPECIFIED", "5-LOW"};
  private static final String[] INSTRUCTIONS = {"DELIVER IN PERSON", "COLLECT COD", "NONE",
      "TAKE BACK RETURN"};
  private static final String[] MODES = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};
  private static final String[] COLORS = {"almond", "antique", "aquamarine", "azure", "beige",
      "blush", "burlywood", "chartreuse", "coral", "cornsilk", "firebrick", "forest", "green",
      "honeydew", "ivory", "khaki", "lavender", "lemon", "linen", "navy", "olive", "orchid",
      "peach", "plum", "powder", "rose", "salmon", "sienna", "tan", "thistle"};
  private static final String[] TYPE_SIZES = {"STANDARD", "SMALL", "MEDIUM", "LARGE",
      "ECONOMY", "PROMO"};
  private static final String[] TYPE_FINISHES = {"ANODIZED", "BURNISHED", "PLATED", "POLISHED",
      "BRUSHED"};
  private static final String[] TYPE_METALS = {"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"};
  private static final String[] CONTAINER_SIZES = {"SM", "LG", "MED", "JUMBO", "WRAP"};
  private static final String[] CONTAINER_KINDS = {"CASE", "BOX", "BAG", "JAR", "PKG", "PACK",
      "CAN", "DRUM"};
  private static final String[] WORDS = {"furiously", "quickly", "carefully", "blithely",
      "slyly", "final", "regular", "express", "pending", "ironic", "special", "bold", "even",
      "deposits", "requests", "accounts", "packages", "theodolites", "pinto", "beans", "ideas",
      "foxes", "sleep", "haggle", "nag", "wake", "among", "above", "the"};
  private static final char[] ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789,. ".toCharArray();

  private TpchData() {}

  /** The rows of every table, by the DDL's upper-case table name; the same on every call. */
  public static Map<String, List<List<Object>>> rows() {
    SplittableRandom random = new SplittableRandom(SEED);
    Map<String, List<List<Object>>> tables = new TreeMap<>();
    tables.put("REGION", regions(random));
    tables.put("NATION", nations(random));
    tables.put("SUPPLIER", suppliers(random));
    List<List<Object>> parts = parts(random);
    tables.put("PART", parts);
    tables.put("PARTSUPP", partsupps(random));
    tables.put("CUSTOMER", customers(random));
    List<List<Object>> lineitems = new ArrayList<>();
    tables.put("ORDERS", orders(random, parts, lineitems));
    tables.put("LINEITEM", lineitems);
    tables.replaceAll((name, rows) -> Collections.unmodifiableList(rows));
    return Collections.unmodifiableMap(tables);
  }

  private static List<List<Object>> regions(SplittableRandom random) {
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < REGIONS.length; r++) {
      rows.add(row((long) r, fixed(REGIONS[r], 25), comment(random, 152)));
    }
    return rows;
  }

  private static List<List<Object>> nations(SplittableRandom random) {
    List<List<Object>> rows = new ArrayList<>();
    for (int n = 0; n < NATIONS.length; n++) {
      rows.add(row((long) n, fixed(NATIONS[n], 25), (long) NATION_REGIONS[n],
          comment(random, 152)));
    }
    return rows;
  }

  private static List<List<Object>> suppliers(SplittableRandom random) {
    List<List<Object>> rows = new ArrayList<>();
    for (long s = 1; s <= SUPPLIERS; s++) {
      long nation = random.nextInt(NATIONS.length);
      rows.add(row(s, fixed(String.format(Locale.ROOT, "Supplier#%09d", s), 25),
          address(random), nation, phone(random, nation), money(random, -999, 9_999),
          comment(random, 101)));
    }
    return rows;
  }

  private static List<List<Object>> parts(SplittableRandom random) {
    List<List<Object>> rows = new ArrayList<>();
    for (long p = 1; p <= PARTS; p++) {
      List<String> colors = new ArrayList<>();
      while (colors.size() < 5) {
        String color = pick(random, COLORS);
        if (!colors.contains(color)) {
          colors.add(color);
        }
      }
      int mfgr = 1 + random.nextInt(5);
      String type = pick(random, TYPE_SIZES) + " " + pick(random, TYPE_FINISHES) + " "
          + pick(random, TYPE_METALS);
      // TPC-H's retail price formula (a function of the key), in whole units for scale 0.
      BigDecimal price = BigDecimal.valueOf((90_000 + (p / 10) % 20_001 + 100 * (p % 1_000))
          / 100);
      rows.add(row(p, String.join(" ", colors), fixed("Manufacturer#" + mfgr, 25),
          fixed("Brand#" + mfgr + (1 + random.nextInt(5)), 10), type, 1 + random.nextInt(50),
          fixed(pick(random, CONTAINER_SIZES) + " " + pick(random, CONTAINER_KINDS), 10), price,
          comment(random, 23)));
    }
    return rows;
  }

  private static List<List<Object>> partsupps(SplittableRandom random) {
    List<List<Object>> rows = new ArrayList<>();
    for (long p = 1; p <= PARTS; p++) {
      for (int i = 0; i < SUPPLIERS_PER_PART; i++) {
        rows.add(row(p, supplierOf(p, i), 1 + random.nextInt(9_999),
            money(random, 1, 1_000), comment(random, 199)));
      }
    }
    return rows;
  }

  private static List<List<Object>> customers(SplittableRandom random) {
    List<List<Object>> rows = new ArrayList<>();
    for (long c = 1; c <= CUSTOMERS; c++) {
      long nation = random.nextInt(NATIONS.length);
      // Segments cycle so that every one (Q3's among them) has customers.
      rows.add(row(c, String.format(Locale.ROOT, "Customer#%09d", c), address(random), nation,
          phone(random, nation), money(random, -999, 9_999),
          fixed(SEGMENTS[(int) (c % SEGMENTS.length)], 10), comment(random, 117)));
    }
    return rows;
  }

  private static List<List<Object>> orders(SplittableRandom random, List<List<Object>> parts,
      List<List<Object>> lineitems) {
    List<List<Object>> rows = new ArrayList<>();
    long spread = END.toEpochDay() - START.toEpochDay() - 121;
    for (long o = 1; o <= ORDERS; o++) {
      long customer = 1 + random.nextInt(CUSTOMERS);
      // A third of the orders land in the 100 days before Q3's cutoff, so that some ship after.
      LocalDate ordered = o % 3 == 0
          ? Q3_CUTOFF.minusDays(1 + random.nextInt(100))
          : START.plusDays(random.nextLong(spread));
      int lines = 1 + random.nextInt(7);
      BigDecimal total = BigDecimal.ZERO;
      int open = 0;
      for (int line = 1; line <= lines; line++) {
        long part = 1 + random.nextInt(PARTS);
        BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(50));
        BigDecimal retail = (BigDecimal) parts.get((int) part - 1).get(7); // P_RETAILPRICE
        BigDecimal price = retail.multiply(quantity);
        BigDecimal discount = BigDecimal.valueOf(random.nextInt(11), 2);
        BigDecimal tax = BigDecimal.valueOf(random.nextInt(9), 2);
        // Every fourth line of an even-numbered order ships in 1997, Q6's year.
        LocalDate shipped = line % 4 == 0 && o % 2 == 0
            ? LocalDate.of(1997, 1, 1).plusDays(random.nextInt(365))
            : ordered.plusDays(1 + random.nextInt(121));
        if (!shipped.isAfter(ordered)) {
          shipped = ordered.plusDays(1 + random.nextInt(121));
        }
        LocalDate committed = ordered.plusDays(30 + random.nextInt(61));
        LocalDate received = shipped.plusDays(1 + random.nextInt(30));
        String returnFlag = received.isAfter(CURRENT) ? "N" : random.nextBoolean() ? "R" : "A";
        String lineStatus = shipped.isAfter(CURRENT) ? "O" : "F";
        if (lineStatus.equals("O")) {
          open++;
        }
        total = total.add(price.multiply(BigDecimal.ONE.add(tax))
            .multiply(BigDecimal.ONE.subtract(discount)));
        lineitems.add(row(o, part, supplierOf(part, random.nextInt(SUPPLIERS_PER_PART)), line,
            quantity, price, discount, tax, returnFlag, lineStatus, shipped, committed,
            received, fixed(pick(random, INSTRUCTIONS), 25), fixed(pick(random, MODES), 10),
            comment(random, 44)));
      }
      String status = open == 0 ? "F" : open == lines ? "O" : "P";
      String clerk = fixed(String.format(Locale.ROOT, "Clerk#%09d", 1 + random.nextInt(20)), 15);
      rows.add(row(o, customer, status, total.setScale(0, RoundingMode.HALF_UP), ordered,
          fixed(pick(random, PRIORITIES), 15), clerk, 0, comment(random, 79)));
    }
    return rows;
  }

  /** The i-th supplier of a part: distinct for each i below SUPPLIERS_PER_PART. */
  private static long supplierOf(long part, int i) {
    return (part + (long) i * (SUPPLIERS / SUPPLIERS_PER_PART)) % SUPPLIERS + 1;
  }

  private static List<Object> row(Object... values) {
    return Collections.unmodifiableList(Arrays.asList(values));
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** Whole units: the DDL's bare DECIMAL has scale 0. */
  private static BigDecimal money(SplittableRandom random, int from, int to) {
    return BigDecimal.valueOf(random.nextInt(from, to + 1));
  }

  /** A CHAR(n) value as SQL holds it: blank-padded to n (Calcite pads literals alike). */
  private static String fixed(String value, int length) {
    if (value.length() > length) {
      throw new IllegalArgumentException(value + " is longer than CHAR(" + length + ")");
    }
    return value + " ".repeat(length - value.length());
  }

  private static String phone(SplittableRandom random, long nation) {
    return (10 + nation) + "-" + (100 + random.nextInt(900)) + "-" + (100 + random.nextInt(900))
        + "-" + (1000 + random.nextInt(9000));
  }

  private static String address(SplittableRandom random) {
    int length = 10 + random.nextInt(31);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALNUM[random.nextInt(ALNUM.length)]);
    }
    // The catalog strips text; keep addresses as they will be stored.
    return text.toString().strip();
  }

  /** Words up to {@code max} characters, at least one. */
  private static String comment(SplittableRandom random, int max) {
    StringBuilder text = new StringBuilder(pick(random, WORDS));
    int target = Math.min(max, 10 + random.nextInt(Math.max(1, max - 9)));
    while (true) {
      String word = pick(random, WORDS);
      if (text.length() + 1 + word.length() > target) {
        break;
      }
      text.append(' ').append(word);
    }
    return text.length() > max ? text.substring(0, max) : text.toString();
  }
}
