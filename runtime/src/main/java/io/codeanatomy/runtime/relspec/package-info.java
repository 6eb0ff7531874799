/**
 * The behaviour the relspec contracts carry: assembling execution packages (fingerprint derived,
 * creation time from an injected clock or an explicit replay time), plan fingerprints from
 * Substrait bytes, calibration of thresholds, and inference confidence from the one canonical
 * join-strategy map.
 */
package io.codeanatomy.runtime.relspec;
