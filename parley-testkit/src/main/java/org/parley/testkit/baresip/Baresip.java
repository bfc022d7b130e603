package org.parley.testkit.baresip;

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
import org.parley.testkit.audio.Pcm;
import org.parley.testkit.audio.Wav;
import org.parley.testkit.internal.Executables;
import org.parley.testkit.internal.LoopbackPorts;
import org.parley.transport.Transport;

/**
 * Runs baresip (Debian package {@value #PACKAGE}, version 1.0) headless on 127.0.0.1 as a real
 * softphone for integration tests: set the account and audio on the builder, {@link #start()} it,
 * drive it through the returned {@link BaresipProcess}, and close that.
 *
 * <pre>{@code
 * Wav.writeTone(dir.resolve("a.wav"), 440, Duration.ofSeconds(10));
 * try (BaresipProcess bob = Baresip.builder().account("sip:bob@127.0.0.1").autoAnswer(true)
 *              .play(dir.resolve("b.wav")).recordTo(dir.resolve("bob")).start();
 *      BaresipProcess alice = Baresip.builder().account("sip:alice@127.0.0.1")
 *              .play(dir.resolve("a.wav")).start()) {
 *     alice.dial("sip:bob@" + bob.sipAddress().getAddress().getHostAddress() + ":" + bob.sipAddress().getPort());
 *     alice.awaitCallEstablished(Duration.ofSeconds(10));
 *     ...
 * }
 * }</pre>
 *
 * <p>What {@link #start()} does: writes {@code config}, {@code accounts} and an empty {@code contacts}
 * into a new temporary directory, starts {@code baresip -f DIR -t LIFETIME} (through {@code stdbuf -oL}
 * so that its output arrives line by line), waits for "baresip is ready." and connects to its
 * {@code ctrl_tcp} module. The SIP port is chosen free on UDP and TCP with the next port free for
 * TLS (baresip listens for TLS on port + 1), and the control port is chosen free too; a start whose
 * port was taken in the meantime is tried again on new ports. The {@code -t} lifetime bounds the
 * process even when the JVM dies without closing it.
 *
 * <p>Audio without a sound card: baresip plays the WAV file given to {@link #play(Path)} (8 kHz mono
 * 16-bit; a silent one made in the work directory when none is given) and plays what it receives into
 * nothing. <b>baresip ends a call when its file ends</b> (1.0's {@code aufile}), so give a file longer
 * than the call. With {@link #recordTo(Path)}, the {@code sndfile} module writes two WAV files per call
 * into that directory: {@code dump-TIME-dec.wav} (what it received) and {@code dump-TIME-enc.wav} (what
 * it sent). G.711 (PCMU, PCMA) is the only codec loaded.
 *
 * <p>Addresses: everything binds 127.0.0.1 only (SIP, RTP, control); IPv6 is not offered here.
 *
 * <p>Thread model: a builder is confined to the thread that uses it; {@link #start()} blocks until
 * baresip is ready or fails, at most {@link #readyTimeout(Duration)} per attempt.
 */
public final class Baresip {
    /** The Debian package that holds baresip, named in the error when it is missing. */
    public static final String PACKAGE = "baresip-core";

    /** Where Debian installs baresip's modules. */
    public static final Path MODULE_PATH = Path.of("/usr/lib/baresip/modules");

    /** 120 s: the default {@code -t} lifetime after which baresip quits by itself. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(120);

    /** 10 s: how long a start attempt waits for baresip to be ready. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(10);

    /** 60 s: the registration interval asked for when registration is on ({@code regint}). */
    public static final Duration DEFAULT_REGISTER_INTERVAL = Duration.ofSeconds(60);

    /**
     * 20000-29999: the default RTP port range, below Linux's ephemeral range (32768-60999) so that it
     * does not meet the ports the kernel hands out; baresip picks a free port in it at random.
     */
    public static final int DEFAULT_RTP_FROM = 20_000;

    /** The end of the default RTP port range (see {@link #DEFAULT_RTP_FROM}). */
    public static final int DEFAULT_RTP_TO = 29_999;

    /** 60 s: the most silence made when no file to play is given. */
    static final Duration MAX_SILENCE = Duration.ofSeconds(60);

    static final String LOCALHOST = "127.0.0.1";
    private static final int START_ATTEMPTS = 5;
    // What may appear inside an account line or a config value without breaking baresip's parser.
    private static final Pattern URI = Pattern.compile("sips?:[^\\s<>;\"]+");
    private static final Pattern VALUE = Pattern.compile("[^\\s<>;\",=]+");

    private String executable = "baresip";
    private String account = "sip:parley@" + LOCALHOST;
    private Optional<String> authUser = Optional.empty();
    private Optional<String> password = Optional.empty();
    private Duration registerInterval = Duration.ZERO;
    private boolean autoAnswer;
    private Transport transport = Transport.UDP;
    private Optional<InetSocketAddress> outboundProxy = Optional.empty();
    private int sipPort;
    private int rtpFrom = DEFAULT_RTP_FROM;
    private int rtpTo = DEFAULT_RTP_TO;
    private Optional<Path> play = Optional.empty();
    private Optional<Path> recordTo = Optional.empty();
    private Duration lifetime = DEFAULT_LIFETIME;
    private Duration readyTimeout = DEFAULT_READY_TIMEOUT;

    private Baresip() {
    }

    /** A builder with the defaults: account {@code sip:parley@127.0.0.1}, no registration, manual answer. */
    public static Baresip builder() {
        return new Baresip();
    }

    /** Whether {@code baresip} is an executable on {@code PATH} and its module directory exists. */
    public static boolean isInstalled() {
        return Executables.findOnPath("baresip").isPresent() && Files.isDirectory(MODULE_PATH);
    }

    /**
     * The account's address of record, e.g. {@code sip:alice@127.0.0.1:5060}: with registration on,
     * baresip registers it at that host and port (or through the {@link #outboundProxy}).
     */
    public Baresip account(String aor) {
        Objects.requireNonNull(aor, "aor");
        if (!URI.matcher(aor).matches()) {
            throw new IllegalArgumentException("account must be a SIP URI without spaces, <>, ; or quotes, was '"
                    + aor + "'");
        }
        this.account = aor;
        return this;
    }

    /** The digest user name ({@code auth_user}); the URI's user unless set. */
    public Baresip authUser(String user) {
        this.authUser = Optional.of(value(user, "authUser"));
        return this;
    }

    /** The digest password ({@code auth_pass}). */
    public Baresip password(String secret) {
        this.password = Optional.of(value(secret, "password"));
        return this;
    }

    /** Registration on ({@link #DEFAULT_REGISTER_INTERVAL}) or off ({@code regint=0}, the default). */
    public Baresip register(boolean on) {
        this.registerInterval = on ? DEFAULT_REGISTER_INTERVAL : Duration.ZERO;
        return this;
    }

    /** Registration on with this interval ({@code regint}, whole seconds, at least 1 s). */
    public Baresip registerInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.toSeconds() < 1) {
            throw new IllegalArgumentException("registerInterval must be at least 1 s, was " + interval);
        }
        this.registerInterval = interval;
        return this;
    }

    /** Whether baresip answers incoming calls by itself ({@code answermode=auto}); off unless set. */
    public Baresip autoAnswer(boolean on) {
        this.autoAnswer = on;
        return this;
    }

    /** The transport for the account's requests: UDP (the default) or TCP ({@code ;transport=tcp}). */
    public Baresip transport(Transport t) {
        Objects.requireNonNull(t, "transport");
        if (!t.equals(Transport.UDP) && !t.equals(Transport.TCP)) {
            throw new IllegalArgumentException("baresip transport must be UDP or TCP here, was " + t);
        }
        this.transport = t;
        return this;
    }

    /** An outbound proxy every request goes through (RFC 3261 §8.1.2), e.g. the server under test. */
    public Baresip outboundProxy(InetSocketAddress proxy) {
        this.outboundProxy = Optional.of(loopback(proxy, "outboundProxy"));
        return this;
    }

    /** The SIP port (UDP and TCP; TLS on the next one); 0, the default, picks free ones. */
    public Baresip sipPort(int port) {
        if (port < 0 || port > 65_534) {
            throw new IllegalArgumentException("sipPort must be 0..65534, was " + port);
        }
        this.sipPort = port;
        return this;
    }

    /** The RTP port range baresip picks from ({@code rtp_ports}); see {@link #DEFAULT_RTP_FROM}. */
    public Baresip rtpPorts(int from, int to) {
        if (from < 1024 || to > 65_535 || to - from < 3) {
            throw new IllegalArgumentException("rtpPorts must be a range within 1024..65535 of at least 4 ports, was "
                    + from + "-" + to);
        }
        this.rtpFrom = from;
        this.rtpTo = to;
        return this;
    }

    /** The WAV file baresip sends in calls (8 kHz mono 16-bit); a call ends when it ends. */
    public Baresip play(Path wav) {
        Objects.requireNonNull(wav, "wav");
        if (!Files.isRegularFile(wav)) {
            throw new IllegalArgumentException("file to play does not exist: " + wav.toAbsolutePath());
        }
        this.play = Optional.of(pathWithoutSpace(wav.toAbsolutePath(), "play"));
        return this;
    }

    /** The directory the {@code sndfile} module records each call into (created when missing). */
    public Baresip recordTo(Path directory) {
        Objects.requireNonNull(directory, "directory");
        this.recordTo = Optional.of(pathWithoutSpace(directory.toAbsolutePath(), "recordTo"));
        return this;
    }

    /** How long baresip may run before it quits by itself ({@code -t}); {@link #DEFAULT_LIFETIME} unless set. */
    public Baresip lifetime(Duration limit) {
        Objects.requireNonNull(limit, "lifetime");
        if (limit.toSeconds() < 1 || limit.toHours() > 24) {
            throw new IllegalArgumentException("lifetime must be 1 s..24 h, was " + limit);
        }
        this.lifetime = limit;
        return this;
    }

    /** How long a start attempt waits for baresip to be ready; {@link #DEFAULT_READY_TIMEOUT} unless set. */
    public Baresip readyTimeout(Duration limit) {
        Objects.requireNonNull(limit, "readyTimeout");
        if (limit.toMillis() < 1) {
            throw new IllegalArgumentException("readyTimeout must be at least 1 ms, was " + limit);
        }
        this.readyTimeout = limit;
        return this;
    }

    /** The baresip program: a name looked up on {@code PATH} ({@code baresip} unless set) or a path. */
    public Baresip executable(String program) {
        this.executable = Objects.requireNonNull(program, "program");
        return this;
    }

    /**
     * Starts baresip and waits until it is ready and its control connection is open.
     *
     * @throws IllegalStateException when baresip or {@code stdbuf} is missing (naming the Debian
     *         package), when it exits or is not ready within the ready timeout (with its output), or
     *         when no free ports could be bound
     * @throws UncheckedIOException when the work directory or the process cannot be made
     */
    public BaresipProcess start() {
        Path program = Executables.locate(executable).orElseThrow(() -> new IllegalStateException("baresip ('"
                + executable + "') is not installed or not on PATH: install the Debian package " + PACKAGE
                + " (apt-get install -y --no-install-recommends " + PACKAGE + "); the baresip tests need it"));
        Path stdbuf = Executables.findOnPath("stdbuf").orElseThrow(() -> new IllegalStateException(
                "stdbuf (Debian package coreutils) is not on PATH; the baresip launcher needs it to read "
                        + "baresip's output line by line"));
        InetAddress local = InetAddress.getLoopbackAddress();
        for (int attempt = 1; ; attempt++) {
            int sip = sipPort != 0 ? sipPort : LoopbackPorts.freeSip(local, true);
            int control = LoopbackPorts.freeTcp(local);
            Path dir = workDirectory(sip, control);
            List<String> command = List.of(stdbuf.toString(), "-oL", "-eL", program.toString(), "-f",
                    dir.toString(), "-t", Long.toString(lifetime.toSeconds()));
            Optional<BaresipProcess> started = BaresipProcess.launch(command, dir, sip, control, account,
                    recordTo, readyTimeout, sipPort == 0 && attempt < START_ATTEMPTS);
            if (started.isPresent()) {
                return started.get();
            }
        }
    }

    /** The {@code config} file's text for these ports. */
    String config(int sip, int control, Path source) {
        List<String> lines = new ArrayList<>(List.of(
                "# Written by Parley's testkit (org.parley.testkit.baresip.Baresip) for one test run.",
                "sip_listen " + LOCALHOST + ":" + sip,
                "net_interface " + LOCALHOST,
                "audio_player aubridge,nil",
                "audio_source aufile," + source,
                "audio_alert aubridge,nil",
                "rtp_ports " + rtpFrom + "-" + rtpTo,
                "module_path " + MODULE_PATH,
                "module stdio.so",
                "module g711.so",
                "module aufile.so",
                "module aubridge.so"));
        recordTo.ifPresent(dir -> lines.addAll(List.of("module sndfile.so", "snd_path " + dir)));
        lines.addAll(List.of(
                "module_tmp account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                "ctrl_tcp_listen " + LOCALHOST + ":" + control));
        return String.join("\n", lines) + "\n";
    }

    /** The {@code accounts} file's line for the account. */
    String accountLine() {
        StringBuilder line = new StringBuilder("<").append(account);
        if (!transport.equals(Transport.UDP)) {
            line.append(";transport=tcp");
        }
        line.append('>');
        authUser.ifPresent(u -> line.append(";auth_user=").append(u));
        password.ifPresent(p -> line.append(";auth_pass=").append(p));
        outboundProxy.ifPresent(p -> line.append(";outbound=\"sip:").append(p.getAddress().getHostAddress())
                .append(':').append(p.getPort()).append(transport.equals(Transport.UDP) ? "" : ";transport=tcp")
                .append("\""));
        line.append(";regint=").append(registerInterval.toSeconds());
        line.append(";answermode=").append(autoAnswer ? "auto" : "manual");
        line.append(";audio_codecs=pcmu,pcma");
        return line.append('\n').toString();
    }

    private Path workDirectory(int sip, int control) {
        try {
            Path dir = Files.createTempDirectory("parley-baresip-");
            Path source = play.orElse(dir.resolve("silence.wav"));
            if (play.isEmpty()) {
                Duration length = lifetime.compareTo(MAX_SILENCE) < 0 ? lifetime : MAX_SILENCE;
                Wav.write(source, Pcm.silence(length, Pcm.TELEPHONE_RATE));
            }
            if (recordTo.isPresent()) {
                Files.createDirectories(recordTo.get());
            }
            Files.writeString(dir.resolve("config"), config(sip, control, source), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("accounts"), accountLine(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("contacts"), "", StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare baresip's work directory", e);
        }
    }

    private static String value(String v, String what) {
        Objects.requireNonNull(v, what);
        if (!VALUE.matcher(v).matches()) {
            throw new IllegalArgumentException(what + " must be non-empty without spaces, <>, ;, =, comma or quotes");
        }
        return v;
    }

    private static Path pathWithoutSpace(Path p, String what) {
        if (p.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " path must not hold white space (baresip's config cannot "
                    + "quote it), was '" + p + "'");
        }
        return p;
    }

    private static InetSocketAddress loopback(InetSocketAddress a, String what) {
        Objects.requireNonNull(a, what);
        if (a.isUnresolved() || !a.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException(what + " must be a loopback address, was " + a);
        }
        return a;
    }

    @Override
    public String toString() {
        return "Baresip[" + account + ", " + transport + (registerInterval.isZero() ? "" : ", registering")
                + (autoAnswer ? ", auto-answer" : "") + "]";
    }
}
