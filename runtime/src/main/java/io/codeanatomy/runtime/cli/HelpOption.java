package io.codeanatomy.runtime.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} for every command. A mixin rather than an inherited option because
 * picocli's {@code help} subcommand declares {@code -h} itself; and no {@code --version}, which
 * the standard help mixin would add without a version to print.
 */
final class HelpOption {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;
}
