/**
 * The behaviour the relspec contracts carry: assembling execution packages (fingerprint derived,
 * creation time from an injected clock or an explicit replay time), calibration of thresholds, and
 * inference confidence from the one canonical join-strategy map. Plan fingerprints are made in
 * one place only, {@code io.codeanatomy.runtime.plan}.
 */
package io.codeanatomy.runtime.relspec;
