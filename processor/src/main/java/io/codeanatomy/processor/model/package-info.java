/**
 * The contract model: plain immutable records describing settings schemas, policies, profiles and
 * contracts, plus the pure derivations over them (canonical setting text, resolved profiles,
 * schema fingerprints). Built by {@code read}, checked by {@code check}, read by every emitter.
 * Nothing here touches {@code javax.lang.model}, so the model is testable without javac.
 */
package io.codeanatomy.processor.model;
