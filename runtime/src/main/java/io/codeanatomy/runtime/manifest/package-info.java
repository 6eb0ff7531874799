/**
 * Reading contract manifests ({@code META-INF/codeanatomy/contracts.manifest.json}): what a built
 * jar declares, with each profile's expected hashes, for checks at run time and for tooling.
 */
package io.codeanatomy.runtime.manifest;
