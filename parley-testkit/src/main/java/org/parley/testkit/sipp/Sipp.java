package org.parley.testkit.sipp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.testkit.internal.Executables;
import org.parley.transport.Transport;

/**
 * Runs SIPp (Debian package {@code sip-tester}) on loopback for integration tests: pick a scenario,
 * set options on the builder, {@link #start()} it, then {@link SippProcess#awaitExit(Duration)} for
 * a {@link SippResult} or {@link SippProcess#close()} it.
 *
 * <pre>{@code
 * try (SippProcess uas = Sipp.resource("uas-answer.xml").calls(3).start();
 *      SippProcess uac = Sipp.resource("uac-call.xml").remote(uas.localAddress()).calls(3).start()) {
 *     SippResult client = uac.awaitExit(Duration.ofSeconds(20));
 *     assertThat(client.isSuccess()).as(client.describe()).isTrue();
 *     assertThat(client.successfulCalls()).isEqualTo(3);
 * }
 * }</pre>
 *
 * <p>Each run gets a fresh temporary working directory (deleted by {@code close()}) holding the
 * scenario, the injection file and SIPp's trace files; SIPp runs with {@code -nostdin}, its output
 * to files, so it needs no terminal. The local SIP port is chosen free on UDP and TCP unless given,
 * and a run whose port was taken between the choice and SIPp's bind is started again on a new one.
 * Every run has a global timeout ({@code -timeout} with {@code -timeout_error}, 30 s unless set), and
 * every wait of the harness is bounded.
 *
 * <p>Scenario templates: a scenario from a file or the class path may hold placeholders
 * {@code {{name:default}}} (a name of letters, digits and {@code _}); when the run starts they are
 * replaced by the value given with {@link #define(String, String)}, else by the default. They serve
 * where SIPp reads no variable, such as a {@code recv} timeout; SIPp's own {@code -key} / {@code -set}
 * values ({@link #key}, {@link #set}) work as usual.
 *
 * <p>Addresses: SIP sockets are bound to a loopback address only (127.0.0.1 unless {@link #local}
 * says ::1), and the remote must be loopback too. SIPp also opens its media echo sockets on the
 * local address and a UDP control socket ({@code -cp}, from port 8888 up) on every address; SIPp has
 * no option to restrict the latter.
 *
 * <p>Thread model: a builder is confined to the thread that uses it; {@link #start()} blocks until
 * SIPp has bound its port or exited, at most {@link #readyTimeout(Duration)}.
 */
public final class Sipp {
    /** The Debian package that holds SIPp, named in the error when {@code sipp} is missing. */
    public static final String PACKAGE = "sip-tester";

    /** 30 s: SIPp's {@code -timeout} for a run that sets none; a loopback test scenario needs far less. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** 10 s: how long {@link #start()} waits for SIPp to bind its port. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(10);

    /** The class-path folder of the scenarios this module ships (see {@link #resource(String)}). */
    static final String RESOURCE_FOLDER = "/sipp/";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)(?::([^}]*))?}}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final int PORT_ATTEMPTS = 20;

    private final ScenarioSource scenario;
    private String executable = "sipp";
    private Optional<InetSocketAddress> remote = Optional.empty();
    private InetAddress local = InetAddress.getLoopbackAddress();
    private int localPort;
    private Transport transport = Transport.UDP;
    private int calls = 1;
    private int rate;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final Map<String, String> sets = new LinkedHashMap<>();
    private final Map<String, String> defines = new LinkedHashMap<>();
    private Optional<List<List<String>>> injection = Optional.empty();
    private final List<String> extraArgs = new ArrayList<>();

    /** Where the scenario comes from: a file, a class-path resource, or a name built into SIPp. */
    private record ScenarioSource(Optional<Path> file, Optional<String> resource, Optional<String> builtIn) {
        String describe() {
            return file.map(Path::toString).or(() -> resource).or(() -> builtIn.map(b -> "-sn " + b)).orElseThrow();
        }
    }

    private Sipp(ScenarioSource scenario) {
        this.scenario = scenario;
    }

    /** A run of the scenario file {@code file}. */
    public static Sipp scenario(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("SIPp scenario file does not exist: " + file.toAbsolutePath());
        }
        return new Sipp(new ScenarioSource(Optional.of(file), Optional.empty(), Optional.empty()));
    }

    /**
     * A run of a scenario on the class path: a bare name ({@code "uas-answer.xml"}) is one of the
     * scenarios of this module under {@code /sipp/}; a name starting with {@code /} is any resource.
     */
    public static Sipp resource(String name) {
        Objects.requireNonNull(name, "name");
        String path = name.startsWith("/") ? name : RESOURCE_FOLDER + name;
        if (Sipp.class.getResource(path) == null) {
            throw new IllegalArgumentException("no SIPp scenario on the class path at " + path);
        }
        return new Sipp(new ScenarioSource(Optional.empty(), Optional.of(path), Optional.empty()));
    }

    /** A run of a scenario built into SIPp ({@code -sn}: {@code uac}, {@code uas}, {@code regexp}, …). */
    public static Sipp builtIn(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name.replace("-", "")).matches()) {
            throw new IllegalArgumentException("SIPp built-in scenario name must be a word, was '" + name + "'");
        }
        return new Sipp(new ScenarioSource(Optional.empty(), Optional.empty(), Optional.of(name)));
    }

    /** Whether {@code sipp} is an executable file on {@code PATH}. */
    public static boolean isInstalled() {
        return Executables.findOnPath("sipp").isPresent();
    }

    /** The remote host and port SIPp sends to (a UAC's target); must be a loopback address. */
    public Sipp remote(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("SIPp remote must be a loopback address, was " + address);
        }
        this.remote = Optional.of(address);
        return this;
    }

    /** The local address SIPp binds ({@code -i}): 127.0.0.1 (the default) or ::1. */
    public Sipp local(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("SIPp local address must be loopback, was " + address.getHostAddress());
        }
        this.local = address;
        return this;
    }

    /** The local SIP port ({@code -p}); 0, the default, picks a free one. */
    public Sipp localPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("SIPp local port must be 0..65535, was " + port);
        }
        this.localPort = port;
        return this;
    }

    /** The transport: UDP ({@code -t u1}, the default), TCP ({@code t1}) or TLS ({@code l1}). */
    public Sipp transport(Transport transport) {
        Objects.requireNonNull(transport, "transport");
        if (!transport.equals(Transport.UDP) && !transport.equals(Transport.TCP) && !transport.equals(Transport.TLS)) {
            throw new IllegalArgumentException("SIPp transport must be UDP, TCP or TLS, was " + transport);
        }
        this.transport = transport;
        return this;
    }

    /** Stop after this many calls ({@code -m}); 1 unless set. */
    public Sipp calls(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("SIPp calls must be at least 1, was " + count);
        }
        this.calls = count;
        return this;
    }

    /** New calls per second ({@code -r}, period {@code -rp 1000}); SIPp's default (10) unless set. */
    public Sipp rate(int callsPerSecond) {
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("SIPp rate must be at least 1 call/s, was " + callsPerSecond);
        }
        this.rate = callsPerSecond;
        return this;
    }

    /**
     * SIPp's global timeout ({@code -timeout} in ms, with {@code -timeout_error} so that reaching it
     * fails the run); {@link #DEFAULT_TIMEOUT} unless set.
     */
    public Sipp timeout(Duration limit) {
        this.timeout = positive(limit, "timeout");
        return this;
    }

    /** How long {@link #start()} waits for SIPp to bind its port; {@link #DEFAULT_READY_TIMEOUT} unless set. */
    public Sipp readyTimeout(Duration limit) {
        this.readyTimeout = positive(limit, "readyTimeout");
        return this;
    }

    /** A keyword for the scenario ({@code -key name value}, used as {@code [name]}). */
    public Sipp key(String name, String value) {
        keys.put(word(name), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** A global variable for the scenario ({@code -set name value}, used as {@code [$name]} or by actions). */
    public Sipp set(String name, String value) {
        sets.put(word(name), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The value of the scenario template placeholder {@code {{name:…}}} (see the class description). */
    public Sipp define(String name, String value) {
        defines.put(word(name), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * An injection file ({@code -inf}), read in order ({@code SEQUENTIAL}): one row per call, its
     * fields used as {@code [field0]}, {@code [field1]}, … Fields must not hold {@code ;} or a line break.
     */
    public Sipp injection(List<List<String>> rows) {
        List<List<String>> copy = rows.stream().map(List::copyOf).toList();
        for (List<String> row : copy) {
            for (String field : row) {
                if (field.contains(";") || field.contains("\n") || field.contains("\r")) {
                    throw new IllegalArgumentException("injection field must not hold ';' or a line break, was '"
                            + field + "'");
                }
            }
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("injection needs at least one row");
        }
        this.injection = Optional.of(copy);
        return this;
    }

    /** Further SIPp arguments, added after the harness's own. */
    public Sipp args(String... args) {
        for (String a : args) {
            extraArgs.add(Objects.requireNonNull(a, "arg"));
        }
        return this;
    }

    /** The SIPp program: a name looked up on {@code PATH} ({@code sipp} unless set) or a path. */
    public Sipp executable(String program) {
        this.executable = Objects.requireNonNull(program, "program");
        return this;
    }

    /**
     * Starts SIPp and waits until it has bound its local port (so a UAS is ready to receive) or has
     * exited, whichever comes first.
     *
     * @throws IllegalStateException when {@code sipp} is not installed (naming package
     *         {@value #PACKAGE}), when SIPp did not bind within the ready timeout, or when no free port
     *         could be bound
     * @throws UncheckedIOException when the working directory or the process cannot be made
     */
    public SippProcess start() {
        Path program = locate();
        for (int attempt = 1; ; attempt++) {
            int port = localPort != 0 ? localPort : LocalPorts.free(local, PORT_ATTEMPTS);
            Path dir = workDirectory();
            SippProcess process = SippProcess.launch(command(program, port, dir), dir, transport, local, port,
                    scenario.describe());
            Optional<SippProcess> ready = process.awaitBound(readyTimeout);
            if (ready.isPresent()) {
                return ready.get();
            }
            // SIPp exited at once because another process took the port (exit 254/255, "Unable to bind").
            boolean lostPort = localPort == 0 && attempt < PORT_ATTEMPTS;
            String why = process.bindFailure();
            process.close();
            if (!lostPort) {
                throw new IllegalStateException("SIPp could not bind " + local.getHostAddress() + ":" + port
                        + ": " + why);
            }
        }
    }

    private Path locate() {
        return Executables.locate(executable).orElseThrow(() -> new IllegalStateException("SIPp ('" + executable
                + "') is not installed or not on PATH: install the Debian package " + PACKAGE
                + " (apt-get install -y --no-install-recommends " + PACKAGE + "); the SIPp tests need it"));
    }

    private Path workDirectory() {
        try {
            Path dir = Files.createTempDirectory("parley-sipp-");
            if (scenario.file().isPresent()) {
                writeScenario(dir, Files.readString(scenario.file().get(), StandardCharsets.ISO_8859_1));
            } else if (scenario.resource().isPresent()) {
                try (InputStream in = Sipp.class.getResourceAsStream(scenario.resource().get())) {
                    writeScenario(dir, new String(Objects.requireNonNull(in, "resource").readAllBytes(),
                            StandardCharsets.ISO_8859_1));
                }
            }
            if (injection.isPresent()) {
                StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
                injection.get().forEach(row -> csv.append(String.join(";", row)).append(";\n"));
                Files.writeString(dir.resolve(SippProcess.INJECTION), csv, StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare SIPp's working directory for " + scenario.describe(), e);
        }
    }

    private void writeScenario(Path dir, String template) throws IOException {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = defines.get(m.group(1));
            if (value == null && m.group(2) == null) {
                throw new IllegalArgumentException("scenario " + scenario.describe() + " needs a value for {{"
                        + m.group(1) + "}}: call define(\"" + m.group(1) + "\", …)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group(2)));
        }
        m.appendTail(out);
        Files.writeString(dir.resolve(SippProcess.SCENARIO), out, StandardCharsets.ISO_8859_1);
    }

    private List<String> command(Path program, int port, Path dir) {
        List<String> c = new ArrayList<>();
        c.add(program.toString());
        remote.ifPresent(r -> c.add(hostPort(r)));
        if (scenario.builtIn().isPresent()) {
            c.addAll(List.of("-sn", scenario.builtIn().get()));
        } else {
            c.addAll(List.of("-sf", dir.resolve(SippProcess.SCENARIO).toString()));
        }
        c.addAll(List.of("-i", local.getHostAddress(), "-p", Integer.toString(port),
                "-t", transport.equals(Transport.UDP) ? "u1" : transport.equals(Transport.TCP) ? "t1" : "l1",
                "-m", Integer.toString(calls), "-nostdin",
                "-timeout", timeout.toMillis() + "ms", "-timeout_error",
                "-trace_err", "-error_file", dir.resolve(SippProcess.ERRORS).toString(),
                "-trace_msg", "-message_file", dir.resolve(SippProcess.MESSAGES).toString(),
                "-trace_stat", "-stf", dir.resolve(SippProcess.STATS).toString(), "-fd", "1",
                "-trace_screen", "-screen_file", dir.resolve(SippProcess.SCREEN).toString()));
        if (rate > 0) {
            c.addAll(List.of("-r", Integer.toString(rate), "-rp", "1000"));
        }
        keys.forEach((k, v) -> c.addAll(List.of("-key", k, v)));
        sets.forEach((k, v) -> c.addAll(List.of("-set", k, v)));
        if (injection.isPresent()) {
            c.addAll(List.of("-inf", dir.resolve(SippProcess.INJECTION).toString()));
        }
        c.addAll(extraArgs);
        return c;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static String word(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("SIPp variable name must be letters, digits and '_', was '" + name
                    + "'");
        }
        return name;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.toMillis() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 ms, was " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "Sipp[" + scenario.describe() + ", " + transport.name().toLowerCase(Locale.ROOT) + "]";
    }
}
