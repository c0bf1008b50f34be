package org.ebp.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The launcher's command line: {@code workbench [--feature NAME|PATH] [--timeout SECONDS]
 * [-c COMMANDS | SCRIPT]}.
 *
 * @param script   the script to run, or null
 * @param commands the commands given with {@code -c}, or null
 * @param help     true when usage was asked for
 */
public record LaunchOptions(String feature, Path script, String commands, Duration readyTimeout, boolean help) {

    public static final String DEFAULT_FEATURE = "workbench";
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: workbench [options] [script.gosh]",
            "  Without a script, starts the workbench with an interactive Gogo shell (g! prompt; exit or Ctrl-D quits).",
            "  With a script, runs its commands one by one and exits: 0 when all succeed, 1 at the first failing",
            "  command, 2 for a bad command line, feature or script file, 3 when the workbench does not start.",
            "options:",
            "  --feature NAME|PATH   the bundles to run: features/NAME.json of the distribution, or a feature file",
            "                        (default: " + DEFAULT_FEATURE + ")",
            "  -c COMMANDS           run these Gogo commands (separated by ';') instead of a script",
            "  --member [port=5701] [members=host:port,...]",
            "                        a headless cluster member: runs cluster start with these settings and takes",
            "                        runs until it is stopped (SIGTERM, Ctrl-C, or cluster stop from a script)",
            "  --timeout SECONDS     how long a script waits for the workbench to be ready (default: "
                    + DEFAULT_READY_TIMEOUT.toSeconds() + ")",
            "  -h, --help            show this help",
            "system properties: -Debp.debug=true prints stack traces; every -Debp.* property reaches the framework.",
            "environment: EBP_JAVA_OPTS adds JVM options (e.g. -Xmx4g).");

    /** Script or {@code -c} mode: run commands and exit, rather than open the interactive shell. */
    public boolean scripted() {
        return script != null || commands != null;
    }

    /**
     * Parses the command line.
     *
     * @param defaultTimeout the ready timeout when {@code --timeout} is not given
     * @throws LaunchException (configuration status) naming the bad argument and the usage
     */
    public static LaunchOptions parse(List<String> args, Duration defaultTimeout) throws LaunchException {
        String feature = DEFAULT_FEATURE;
        Path script = null;
        String commands = null;
        Duration timeout = defaultTimeout;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h", "--help", "-?" -> {
                    return new LaunchOptions(feature, null, null, timeout, true);
                }
                case "--feature", "-f" -> feature = value(args, ++i, arg);
                case "-c", "--command" -> commands = value(args, ++i, arg);
                case "--timeout" -> timeout = seconds(value(args, ++i, arg));
                case "--member" -> {
                    StringBuilder start = new StringBuilder("cluster start");
                    while (i + 1 < args.size() && args.get(i + 1).contains("=") && !args.get(i + 1).startsWith("-")) {
                        String setting = args.get(++i);
                        if (!setting.matches("[a-z-]+=[A-Za-z0-9.:,\\-]*")) {
                            throw usage("--member setting '" + setting + "' is not key=value; e.g. --member port=5702 "
                                    + "members=127.0.0.1:5701");
                        }
                        start.append(' ').append(setting);
                    }
                    commands = start + "; cluster wait";
                }
                default -> {
                    if (arg.startsWith("--feature=")) {
                        feature = arg.substring("--feature=".length());
                    } else if (arg.startsWith("--timeout=")) {
                        timeout = seconds(arg.substring("--timeout=".length()));
                    } else if (arg.startsWith("-") && !arg.equals("-")) {
                        throw usage("unknown option '" + arg + "'");
                    } else if (script != null) {
                        throw usage("more than one script given ('" + script + "' and '" + arg + "'); run one script at a time");
                    } else {
                        script = Path.of(arg);
                    }
                }
            }
        }
        if (script != null && commands != null) {
            throw usage("give either a script or -c COMMANDS, not both");
        }
        if (feature.isBlank()) {
            throw usage("--feature needs a name or a path");
        }
        return new LaunchOptions(feature, script, commands, timeout, false);
    }

    /** The ready timeout from {@code -Debp.startup.timeout=SECONDS}, or the default. */
    public static Duration defaultTimeout() throws LaunchException {
        String property = System.getProperty("ebp.startup.timeout");
        return property == null || property.isBlank() ? DEFAULT_READY_TIMEOUT : seconds(property);
    }

    private static String value(List<String> args, int index, String option) throws LaunchException {
        if (index >= args.size()) {
            throw usage("option " + option + " needs a value");
        }
        return args.get(index);
    }

    private static Duration seconds(String text) throws LaunchException {
        try {
            double seconds = Double.parseDouble(text.trim());
            if (!(seconds > 0) || seconds > 86_400) {
                throw usage("timeout " + text + " is out of range; give seconds between 0 and 86400");
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw usage("timeout '" + text + "' is not a number of seconds");
        }
    }

    private static LaunchException usage(String problem) {
        return new LaunchException(LaunchException.CONFIGURATION, problem + System.lineSeparator() + USAGE);
    }
}
