package io.codeanatomy.runtime.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import io.codeanatomy.contracts.relspec.Bound;
import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadsTest {

  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void aPayloadIsReadByTheContractItsEnvelopeNames() {
    String identity = Payloads.of(PlanIdentity.class).toJson(PlanIdentity.newBuilder()
        .setVersion(5).setPlanFingerprint("d".repeat(64)).build());
    assertEquals("plan_identity", Payloads.contractOf(identity));
    Decoded<?> read = Payloads.read(loader, identity);
    assertInstanceOf(PlanIdentity.class, read.value());
    String bound = Payloads.of(Bound.class).toJson(new Bound(1, 10));
    assertEquals(new Bound(1, 10), Payloads.read(loader, bound).value());
  }

  @Test
  void anUnknownContractNameListsTheKnownOnes() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> Payloads.forContract(loader, "execution_pakage"));
    assertTrue(e.getMessage().contains("known contracts: bound, cache_diagnostics"),
        e.getMessage());
    assertTrue(e.getMessage().contains("execution_package"), e.getMessage());
  }

  @Test
  void somethingThatIsNoEnvelopeIsRefused() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> Payloads.contractOf("{\"payload\": {}}"));
    assertTrue(e.getMessage().contains("expected an envelope"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Payloads.of(String.class));
  }

  @Test
  void unknownFieldsCannotOverwriteKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Payloads.of(CacheDiagnostics.class).toJson(CacheDiagnostics.getDefaultInstance(),
            Map.of("event_time_unix_ms", IntNode.valueOf(3))));
    assertTrue(e.getMessage().startsWith("event_time_unix_ms is a field of cache_diagnostics"),
        e.getMessage());
  }
}
