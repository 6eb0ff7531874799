package io.codeanatomy.contracts.support;

import java.util.List;

/** A profile name that the policy does not declare; the message lists the ones it does. */
public final class UnknownProfileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String policy;
  private final String requested;
  private final transient List<String> known;

  public UnknownProfileException(String policy, String requested, List<String> known) {
    super("unknown profile '" + requested + "' of policy " + policy + "; known profiles: "
        + String.join(", ", known));
    this.policy = policy;
    this.requested = requested;
    this.known = List.copyOf(known);
  }

  /** The policy asked. */
  public String policy() {
    return policy;
  }

  /** The name asked for. */
  public String requested() {
    return requested;
  }

  /** The profile names the policy declares, in declaration order. */
  public List<String> known() {
    return known;
  }
}
