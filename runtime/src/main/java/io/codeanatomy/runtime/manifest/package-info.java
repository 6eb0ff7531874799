/**
 * Finding contract manifests ({@code META-INF/codeanatomy/contracts.manifest.json}) on the class
 * path: what a built jar declares, with each profile's expected hashes, for checks at run time
 * and for tooling. The manifest itself is compat's typed {@code Manifest}.
 */
package io.codeanatomy.runtime.manifest;
