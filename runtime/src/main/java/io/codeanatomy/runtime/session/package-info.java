/**
 * Planning sessions: built only from a planning-surface spec and a policy profile, immutable once
 * built, with one path for tables and one for scan settings; overlay sessions for rule
 * experiments. A session plans (package {@code plan}), executes (package {@code exec}) and
 * assembles execution packages.
 */
package io.codeanatomy.runtime.session;
