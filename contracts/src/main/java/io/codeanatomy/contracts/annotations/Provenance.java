package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a {@link Contract} that is carried in the payload but excluded from every hash:
 * timestamps, diagnostics, the hash itself. Changing it never changes the contract's identity.
 * Not combinable with {@link Bag} or {@link AbsentAs} ({@code CA041}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Provenance {}
