package io.codeanatomy.compat;

import java.util.Objects;

/**
 * What a change is about: an item, and within it a member (a field, a setting key, a profile or a
 * policy component) and an aspect of the declaration ({@code version}, {@code defaultValue}), so
 * that the processor can point at the exact line.
 *
 * @param item the contract, schema or policy
 * @param member the field name, setting key, profile or component name; null for the item itself
 * @param memberKind what the member is: {@code field}, {@code setting}, {@code profile},
 *     {@code component}; null without a member
 * @param aspect the annotation attribute at fault ({@code version}, {@code defaultValue}), or null
 */
public record Subject(ItemKey item, String member, String memberKind, String aspect) {

  public Subject {
    Objects.requireNonNull(item, "item");
  }

  public static Subject of(ItemKey item) {
    return new Subject(item, null, null, null);
  }

  public static Subject version(ItemKey item) {
    return new Subject(item, null, null, "version");
  }

  public static Subject member(ItemKey item, String memberKind, String member) {
    return new Subject(item, member, memberKind, null);
  }

  public Subject withAspect(String attribute) {
    return new Subject(item, member, memberKind, attribute);
  }

  /** {@code contract plan_fingerprint, field settings_hash}. */
  public String describe() {
    return item + (member == null ? "" : ", " + memberKind + " " + member);
  }
}
