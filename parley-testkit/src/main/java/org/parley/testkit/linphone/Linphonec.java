package org.parley.testkit.linphone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parley.testkit.internal.Executables;
import org.parley.testkit.internal.LoopbackPorts;

/**
 * Runs {@code linphonec} (Debian package {@value #PACKAGE}, liblinphone 5.1) headless on 127.0.0.1
 * as a second, independent real SIP client for integration tests, driven through its standard input.
 *
 * <pre>{@code
 * try (LinphonecProcess alice = Linphonec.builder().identity("sip:alice@127.0.0.1")
 *         .proxy(bob.sipAddress()).start()) {
 *     alice.chat("sip:bob@127.0.0.1", "hello");
 *     assertThat(alice.awaitChatOutcome(0, Duration.ofSeconds(10))).isEqualTo("Delivered");
 * }
 * }</pre>
 *
 * <p>What {@link #start()} does: makes a private {@code HOME} in a new temporary directory with
 * {@code .local/share/linphone/} (without it linphonec never opens its SIP port), writes an rc file
 * (UDP only on a free 127.0.0.1 port, no TCP or TLS, the identity, the RTP range, and a proxy entry
 * when one is given), starts {@code timeout LIFETIME linphonec -c RC -d 5} (the {@code timeout}
 * wrapper bounds it even when the JVM dies without closing it; log level 5 puts liblinphone's
 * registration and chat-message state changes into the output the waits read), and waits for its
 * prompt.
 *
 * <p>Requests and the proxy: liblinphone sends every request to its proxy when one is configured,
 * and, without one, to the Request-URI's host <em>on port 5060</em> (it keeps chat peers without
 * their port). So a test that messages another client directly names that client as the
 * {@link #proxy} with registration off; a test through a server names the server and turns
 * registration on.
 *
 * <p>Thread model: a builder is confined to the thread that uses it; {@link #start()} blocks until
 * the prompt appears, at most {@link #readyTimeout(Duration)}.
 */
public final class Linphonec {
    /** The Debian package that holds linphonec, named in the error when it is missing. */
    public static final String PACKAGE = "linphone-cli";

    /** 120 s: the default lifetime after which the {@code timeout} wrapper ends linphonec. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(120);

    /** 15 s: how long {@link #start()} waits for the prompt. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(15);

    /** 60 s: the registration expiry asked for when registration is on ({@code reg_expires}). */
    public static final Duration REGISTER_EXPIRES = Duration.ofSeconds(60);

    /** 30000-31999: the default RTP port range (below the kernel's ephemeral range, apart from baresip's). */
    public static final int DEFAULT_RTP_FROM = 30_000;

    /** The end of the default RTP port range. */
    public static final int DEFAULT_RTP_TO = 31_999;

    static final String LOCALHOST = "127.0.0.1";
    /** The rc file's name in the work directory. */
    static final String RC = "linphonerc";
    private static final Pattern URI = Pattern.compile("sips?:[^\\s<>;\"]+");
    private static final Pattern VALUE = Pattern.compile("[^\\s\"]+");

    private String executable = "linphonec";
    private String identity = "sip:linphone@" + LOCALHOST;
    private Optional<InetSocketAddress> proxy = Optional.empty();
    private boolean register;
    private Optional<String> authUser = Optional.empty();
    private Optional<String> password = Optional.empty();
    private boolean autoAnswer;
    private int sipPort;
    private int rtpFrom = DEFAULT_RTP_FROM;
    private int rtpTo = DEFAULT_RTP_TO;
    private Duration lifetime = DEFAULT_LIFETIME;
    private Duration readyTimeout = DEFAULT_READY_TIMEOUT;

    private Linphonec() {
    }

    /** A builder with the defaults: identity {@code sip:linphone@127.0.0.1}, no proxy, no registration. */
    public static Linphonec builder() {
        return new Linphonec();
    }

    /** Whether {@code linphonec} and {@code timeout} (coreutils) are executables on {@code PATH}. */
    public static boolean isInstalled() {
        return Executables.findOnPath("linphonec").isPresent() && Executables.findOnPath("timeout").isPresent();
    }

    /** The identity (From of its requests, address of record when registering), e.g. {@code sip:alice@example.test}. */
    public Linphonec identity(String uri) {
        Objects.requireNonNull(uri, "uri");
        if (!URI.matcher(uri).matches()) {
            throw new IllegalArgumentException("identity must be a SIP URI without spaces, <>, ; or quotes, was '"
                    + uri + "'");
        }
        this.identity = uri;
        return this;
    }

    /** The proxy every request goes to (loopback, UDP), and the registrar when {@link #register} is on. */
    public Linphonec proxy(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("proxy must be a loopback address, was " + address);
        }
        this.proxy = Optional.of(address);
        return this;
    }

    /** Whether to register the identity at the proxy (expiry {@link #REGISTER_EXPIRES}); off unless set. */
    public Linphonec register(boolean on) {
        this.register = on;
        return this;
    }

    /** The digest user name; the identity's user unless set. */
    public Linphonec authUser(String user) {
        this.authUser = Optional.of(value(user, "authUser"));
        return this;
    }

    /** The digest password. */
    public Linphonec password(String secret) {
        this.password = Optional.of(value(secret, "password"));
        return this;
    }

    /** Whether linphonec answers incoming calls by itself ({@code -a}); off unless set. */
    public Linphonec autoAnswer(boolean on) {
        this.autoAnswer = on;
        return this;
    }

    /** The UDP SIP port; 0, the default, picks a free one. */
    public Linphonec sipPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("sipPort must be 0..65535, was " + port);
        }
        this.sipPort = port;
        return this;
    }

    /** The RTP port range for audio ({@code audio_rtp_port}). */
    public Linphonec rtpPorts(int from, int to) {
        if (from < 1024 || to > 65_535 || to - from < 3) {
            throw new IllegalArgumentException("rtpPorts must be a range within 1024..65535 of at least 4 ports, was "
                    + from + "-" + to);
        }
        this.rtpFrom = from;
        this.rtpTo = to;
        return this;
    }

    /** How long linphonec may run before the {@code timeout} wrapper ends it; {@link #DEFAULT_LIFETIME} unless set. */
    public Linphonec lifetime(Duration limit) {
        Objects.requireNonNull(limit, "lifetime");
        if (limit.toSeconds() < 1 || limit.toHours() > 24) {
            throw new IllegalArgumentException("lifetime must be 1 s..24 h, was " + limit);
        }
        this.lifetime = limit;
        return this;
    }

    /** How long {@link #start()} waits for the prompt; {@link #DEFAULT_READY_TIMEOUT} unless set. */
    public Linphonec readyTimeout(Duration limit) {
        Objects.requireNonNull(limit, "readyTimeout");
        if (limit.toMillis() < 1) {
            throw new IllegalArgumentException("readyTimeout must be at least 1 ms, was " + limit);
        }
        this.readyTimeout = limit;
        return this;
    }

    /** The linphonec program: a name looked up on {@code PATH} ({@code linphonec} unless set) or a path. */
    public Linphonec executable(String program) {
        this.executable = Objects.requireNonNull(program, "program");
        return this;
    }

    /**
     * Starts linphonec and waits for its prompt.
     *
     * @throws IllegalStateException when linphonec or {@code timeout} is missing (naming the Debian
     *         package), or it exits or shows no prompt within the ready timeout (with its output)
     * @throws UncheckedIOException when the work directory or the process cannot be made
     */
    public LinphonecProcess start() {
        Path program = Executables.locate(executable).orElseThrow(() -> new IllegalStateException("linphonec ('"
                + executable + "') is not installed or not on PATH: install the Debian package " + PACKAGE
                + " (apt-get install -y --no-install-recommends " + PACKAGE + "); the linphonec tests need it"));
        Path timeout = Executables.findOnPath("timeout").orElseThrow(() -> new IllegalStateException(
                "timeout (Debian package coreutils) is not on PATH; the linphonec launcher bounds linphonec with it"));
        if (register && proxy.isEmpty()) {
            throw new IllegalStateException("registration needs a proxy: call proxy(address)");
        }
        int port = sipPort != 0 ? sipPort : LoopbackPorts.freeUdp(InetAddress.getLoopbackAddress());
        Path dir = workDirectory(port);
        List<String> command = new ArrayList<>(List.of(timeout.toString(), "--kill-after=5",
                lifetime.toSeconds() + "s", program.toString(), "-c", dir.resolve(RC).toString(), "-d", "5"));
        if (autoAnswer) {
            command.add("-a");
        }
        return LinphonecProcess.launch(command, dir, port, identity, readyTimeout);
    }

    /** The rc file's text for this SIP port. */
    String rc(int port) {
        List<String> lines = new ArrayList<>(List.of(
                "# Written by Parley's testkit (org.parley.testkit.linphone.Linphonec) for one test run.",
                "[sip]",
                "sip_port=" + port,
                "sip_tcp_port=0",
                "sip_tls_port=0",
                "bind_address=" + LOCALHOST,
                "guess_hostname=0",
                "contact=<" + identity + ">",
                "default_proxy=" + (proxy.isPresent() ? 0 : -1),
                "",
                "[rtp]",
                "audio_rtp_port=" + rtpFrom + "-" + rtpTo,
                "",
                "[video]",
                "capture=0",
                "display=0"));
        proxy.ifPresent(p -> {
            String uri = "sip:" + p.getAddress().getHostAddress() + ":" + p.getPort() + ";transport=udp";
            lines.addAll(List.of("", "[proxy_0]",
                    "reg_proxy=<" + uri + ">",
                    "reg_route=<" + uri + ";lr>",
                    "reg_identity=<" + identity + ">",
                    "reg_expires=" + REGISTER_EXPIRES.toSeconds(),
                    "reg_sendregister=" + (register ? 1 : 0)));
        });
        password.ifPresent(p -> lines.addAll(List.of("", "[auth_info_0]",
                "username=" + authUser.orElse(user(identity)),
                "passwd=" + p)));
        return String.join("\n", lines) + "\n";
    }

    private static String user(String uri) {
        String rest = uri.substring(uri.indexOf(':') + 1);
        return rest.contains("@") ? rest.substring(0, rest.indexOf('@')) : rest;
    }

    private Path workDirectory(int port) {
        try {
            Path dir = Files.createTempDirectory("parley-linphonec-");
            Files.createDirectories(dir.resolve(LinphonecProcess.HOME).resolve(".local/share/linphone"));
            Files.writeString(dir.resolve(RC), rc(port), StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare linphonec's work directory", e);
        }
    }

    private static String value(String v, String what) {
        Objects.requireNonNull(v, what);
        if (!VALUE.matcher(v).matches()) {
            throw new IllegalArgumentException(what + " must be non-empty without spaces or quotes");
        }
        return v;
    }

    @Override
    public String toString() {
        return "Linphonec[" + identity + proxy.map(p -> " via " + p).orElse("") + (register ? ", registering" : "")
                + "]";
    }
}
