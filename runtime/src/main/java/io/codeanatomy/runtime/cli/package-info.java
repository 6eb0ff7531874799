/**
 * The {@code codeanatomy} command line: compatibility checks of manifests and locks for CI
 * ({@code diff}, {@code check}) and a listing of what a manifest or lock holds ({@code show}).
 * The checks themselves live in {@code io.codeanatomy.compat}; this package only reads files,
 * renders reports and maps outcomes to exit codes ({@code docs/cli.md}).
 */
package io.codeanatomy.runtime.cli;
