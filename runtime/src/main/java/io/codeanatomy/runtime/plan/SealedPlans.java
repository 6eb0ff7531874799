package io.codeanatomy.runtime.plan;

import com.google.protobuf.InvalidProtocolBufferException;
import io.substrait.isthmus.SubstraitToCalcite;
import io.substrait.plan.Plan;
import io.substrait.plan.ProtoPlanConverter;
import java.util.List;
import org.apache.calcite.rel.RelRoot;

/**
 * Reads a bundle's sealed Substrait bytes back into a Calcite relational expression, for engines
 * that execute the sealed plan itself rather than this runtime's physical plan (the Spark engine
 * in {@code spark/}). The tables come from the plan's own named scans (names and base schemas), so
 * no session is needed; the extensions are the ones {@link SubstraitPlans} writes with, read as
 * UTF-8, and the declarations of the user-defined functions the engine was given.
 */
public final class SealedPlans {

  private SealedPlans() {}

  /**
   * The plan's one root: its relational expression and the output names the plan declares.
   *
   * @param root the relational expression
   * @param names the root's output column names, as sealed (an engine re-applies them)
   */
  public record Root(RelRoot root, List<String> names) {}

  /**
   * The relational expression of sealed Substrait bytes.
   *
   * @throws SubstraitConversionException when the bytes are not a Substrait plan of one root, or
   *     isthmus cannot convert what they hold; the message names what it met
   */
  public static Root read(byte[] substrait) {
    return read(substrait, UserFunctions.NONE);
  }

  /**
   * The relational expression of sealed Substrait bytes whose plan may call {@code functions}
   * (under the runtime's extension for user-defined functions); a call becomes the function's
   * Calcite operator, as planning made it.
   *
   * @throws SubstraitConversionException as {@link #read(byte[])}, and for a call of a
   *     user-defined function that {@code functions} does not hold
   */
  public static Root read(byte[] substrait, UserFunctions functions) {
    SubstraitMapping mapping = functions.substrait();
    io.substrait.proto.Plan proto;
    try {
      proto = io.substrait.proto.Plan.parseFrom(substrait);
    } catch (InvalidProtocolBufferException e) {
      throw new SubstraitConversionException("the bytes are not a Substrait plan: "
          + e.getMessage(), e);
    }
    Plan plan;
    try {
      plan = new ProtoPlanConverter(mapping.collection()).from(proto);
    } catch (RuntimeException e) {
      throw new SubstraitConversionException("the Substrait plan does not read: "
          + e.getMessage(), e);
    }
    if (plan.getRoots().size() != 1) {
      throw new SubstraitConversionException("a sealed plan has one root, this one has "
          + plan.getRoots().size(), null);
    }
    Plan.Root root = plan.getRoots().get(0);
    try {
      RelRoot rel = new SubstraitToCalcite(mapping.converters()).convert(root);
      return new Root(rel, List.copyOf(root.getNames()));
    } catch (RuntimeException e) {
      throw new SubstraitConversionException("isthmus cannot convert the Substrait plan to "
          + "Calcite: " + e.getMessage(), e);
    }
  }
}
