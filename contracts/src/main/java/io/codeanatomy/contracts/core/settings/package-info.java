/**
 * The DataFusion settings the CodeAnatomy engine reads, one settings schema per key namespace
 * ({@code datafusion.catalog}, {@code datafusion.execution}, ...), with their upstream defaults,
 * ranges, units, scopes and whether they affect planning. Keys and defaults follow DataFusion's
 * {@code information_schema.df_settings}.
 */
package io.codeanatomy.contracts.core.settings;
