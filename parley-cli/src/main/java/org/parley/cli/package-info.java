/**
 * The {@code ./parley} command-line tool: {@link org.parley.cli.Main} parses the command line with
 * picocli and hands it to one subcommand per task (linting SIP messages first; ping, register,
 * call and server as the layers below arrive).
 *
 * <p>Launch: the {@code ./parley} script at the repository root finds a JDK 21 or newer, builds the
 * shaded {@code parley-cli/target/parley.jar} when it is missing or stale, and runs it with the
 * arguments given; stdin, stdout, stderr and the exit code are the tool's own.
 *
 * <p>Thread model: commands run on the main thread, one command per JVM; nothing here is shared
 * between threads.
 *
 * <p>{@code parley user add|passwd|remove|list} ({@link org.parley.cli.UserCommand}) manage subscribers
 * in the embedded SQLite store of {@code parley-proxy} ({@code org.parley.proxy.store.sqlite}).
 *
 * <p>Dependencies: {@code parley-message}, {@code parley-ua}, {@code parley-proxy} and picocli. {@code
 * System.out} and {@code System.err} are allowed here (STYLE.md §10), but commands print through
 * picocli's {@code getOut()} and {@code getErr()} writers so that tests can capture what they print.
 */
package org.parley.cli;
