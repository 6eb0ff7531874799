/**
 * Planning rules by stable name: the registry, rulepacks (the rules a session installs, per
 * phase, idempotently by name), overlay profiles for rule experiments, and the per-rule deltas
 * planning records when asked to.
 */
package io.codeanatomy.runtime.rules;
