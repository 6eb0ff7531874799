/**
 * The tables a planning session reads: their schemas (from DDL or by hand), in-memory and CSV
 * sources, and the one path by which a table enters a catalog and scan settings reach it.
 */
package io.codeanatomy.runtime.catalog;
