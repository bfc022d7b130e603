package org.parley.proxy.core;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.header.Via;

/**
 * The branch parameters the proxy puts in its Via (RFC 3261 §16.6 step 8) and the loop check they
 * make possible (§16.3 step 4).
 *
 * <p>A branch is {@code z9hG4bK} + {@code pp} + 16 hex digits of a hash + {@code .} + a fork part
 * (the branch's number in the fork and 32 random bits, so that two copies of one request, e.g. a
 * request forked upstream reaching us twice, never share a client transaction). The hash covers
 * what a loop leaves unchanged and a spiral (a request sent back to us after retargeting) changes:
 * the Request-URI as received, the From and To tags, the Call-ID, the CSeq number, and the
 * Proxy-Require and Proxy-Authorization values (§16.6 step 8's list). Two fields of that list are
 * left out on purpose: the top Via, which is always a different element's when a request comes back
 * through another one (with it, no loop through another proxy could ever be detected), and the
 * Route, which elements on the way push and pop.
 *
 * <p>When a request carries a Via of ours whose hash part equals the hash of the request as it
 * arrives now, it has come back unchanged: a loop (482). Any other value is a spiral.
 *
 * <p>Stateless and thread-safe.
 */
final class LoopHash {
    /** What follows the magic cookie in every branch this proxy makes. */
    static final String MARK = Via.MAGIC_COOKIE + "pp";

    private LoopHash() {
    }

    /** The hash of {@code request}'s loop-relevant fields, as 16 hex digits. */
    static String of(SipRequest request) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, request.requestUriText());
        h = mix(h, request.fromTag().orElse(""));
        h = mix(h, request.toTag().orElse(""));
        h = mix(h, request.callId());
        h = mix(h, Long.toString(request.cseq().number()));
        for (String v : request.headerValues(HeaderName.PROXY_REQUIRE)) {
            h = mix(h, v);
        }
        for (String v : request.headerValues(HeaderName.PROXY_AUTHORIZATION)) {
            h = mix(h, v);
        }
        return hex16(h);
    }

    /** FNV-1a 64 over the UTF-16 code units, then a separator, so that fields cannot run into each other. */
    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= 0x1f;
        return h * 0x100000001b3L;
    }

    /** {@code h} as 16 lower-case hex digits, leading zeros kept. */
    private static String hex16(long h) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = Character.forDigit((int) (h & 0xf), 16);
            h >>>= 4;
        }
        return new String(out);
    }

    /** A branch for fork number {@code fork} of the request whose hash is {@code hash}. */
    static String branch(String hash, int fork) {
        return MARK + hash + "." + fork + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
    }

    /** The hash part of a branch this proxy made; empty for any other branch. */
    static Optional<String> hashOf(String branch) {
        if (!branch.startsWith(MARK) || branch.length() < MARK.length() + 17
                || branch.charAt(MARK.length() + 16) != '.') {
            return Optional.empty();
        }
        return Optional.of(branch.substring(MARK.length(), MARK.length() + 16));
    }

    /**
     * The branch of a request relayed statelessly (§16.11): derived from the incoming top Via's branch
     * so that a retransmission gets the same one, and marked as ours.
     */
    static String statelessBranch(String hash, Via incoming) {
        String in = incoming.branch().orElse(incoming.toString());
        long h = 0xcbf29ce484222325L;
        h = mix(h, in);
        return MARK + hash + ".s" + Long.toHexString(h);
    }
}
