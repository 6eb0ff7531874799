package io.codeanatomy.runtime.cli;

import io.codeanatomy.compat.CompatInputException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy}: compares manifests and locks and lists what they hold. Exit codes are part
 * of the interface that CI scripts match on: 0 compatible, 1 incompatible changes, 2 a usage error
 * or an input that cannot be read, 3 a bug of the tool itself.
 */
@Command(name = "codeanatomy",
    description = "Checks CodeAnatomy contract manifests and locks for compatibility.",
    subcommands = {DiffCommand.class, CheckCommand.class, ShowCommand.class, VerifyCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:compatible (show: listed; verify: intact)",
        "1:incompatible changes (verify: an artifact differs)",
        "2:usage error, or a file that cannot be read",
        "3:internal error of the tool"})
public final class CodeAnatomyCli implements Callable<Integer> {

  /** Nothing incompatible; for {@code show}, the file was listed. */
  public static final int EXIT_COMPATIBLE = 0;
  /** The report has at least one change. */
  public static final int EXIT_INCOMPATIBLE = 1;
  /** Bad arguments, or a file that is missing, not JSON or of the wrong format. */
  public static final int EXIT_USAGE = 2;
  /** An unexpected exception: a bug, never a verdict about the input. */
  public static final int EXIT_INTERNAL = 3;

  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  public static void main(String... args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs one command line and returns its exit code instead of exiting, so that tests can call
   * it. Output is UTF-8 whatever the streams' or the platform's charset, so that reports are
   * byte-identical everywhere.
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
    try {
      return commandLine(outWriter, errWriter).execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** The command line with our streams and our handlers for errors. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new CodeAnatomyCli());
    cli.setOut(out);
    cli.setErr(err);
    // Plain text only: escape codes would make output depend on the terminal.
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cli.setParameterExceptionHandler(CodeAnatomyCli::usageError);
    cli.setExecutionExceptionHandler(CodeAnatomyCli::failure);
    return cli;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing required subcommand: diff, check, show or verify");
  }

  /** One line naming the command and the problem; the usage is one {@code --help} away. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    PrintWriter err = command.getErr();
    String hint = "";
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      hint = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }
    err.print(name + ": " + oneLine(e.getMessage()) + hint + " (see '" + name + " --help')\n");
    err.flush();
    return EXIT_USAGE;
  }

  /**
   * Unreadable input is the user's to fix, so it gets the message alone; anything else is a bug,
   * reported in one line too, because a stack trace in a CI log hides the verdict.
   */
  private static int failure(Exception e, CommandLine command,
      CommandLine.ParseResult parseResult) {
    String name = command.getCommandSpec().qualifiedName();
    PrintWriter err = command.getErr();
    int code;
    if (e instanceof CompatInputException) {
      err.print(name + ": " + oneLine(e.getMessage()) + "\n");
      code = EXIT_USAGE;
    } else {
      err.print(name + ": internal error: " + e.getClass().getName()
          + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())) + "\n");
      code = EXIT_INTERNAL;
    }
    err.flush();
    return code;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
