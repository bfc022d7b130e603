package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.parley.message.validation.ElementRole;
import org.parley.message.validation.Finding;
import org.parley.message.validation.Finding.Action;
import org.parley.message.validation.Finding.Basis;
import org.parley.message.validation.MessageValidator;
import org.parley.message.validation.Validation;

/**
 * What an element must do with one torture message (RFC 4475 §3, RFC 5118 §4), as one of five
 * classes, and the check that {@link SipParser} and {@link MessageValidator} give that outcome.
 */
sealed interface TortureOutcome {

    /** Asserts that Parley gives this outcome for {@code message}, parsed as one datagram. */
    void verify(byte[] message);

    /**
     * Parses, and every element processes it normally; the validator notes exactly the tolerated
     * deviations whose reasons contain {@code notes}, one finding each.
     */
    static TortureOutcome valid(String... notes) {
        return new Valid(List.of(notes));
    }

    /** The parser refuses the bytes with this status and a reason that contains {@code reason}. */
    static TortureOutcome parseFails(int status, String reason) {
        return new ParseFails(status, reason);
    }

    /**
     * Parses, but a rule every element applies refuses it: every role answers {@code status}, and
     * the validator's {@link Validation#refusal()} gives the reason.
     */
    static TortureOutcome refused(int status, String reason) {
        return new Refused(status, reason);
    }

    /**
     * Parses and some element may accept it, but the roles named in {@code answers} refuse it (a
     * status, or {@link RoleAnswer#DROP}) on this basis; the other roles process it normally.
     */
    static TortureOutcome roleDependent(Basis basis, RoleAnswer... answers) {
        return new RoleDependent(basis, List.of(answers));
    }

    /**
     * A response no element may act on: it does not parse (a Status-Line the parser refuses, with
     * this reason); no answer is ever sent to a response, so every element drops it.
     */
    static TortureOutcome responseDroppedUnparsed(String reason) {
        return new ResponseDropped(false, reason);
    }

    /** A response that parses, but that the validator tells every element to drop, for this reason. */
    static TortureOutcome responseDropped(String reason) {
        return new ResponseDropped(true, reason);
    }

    /** The first refusal of one role: a status code, or {@link #DROP}. */
    record RoleAnswer(ElementRole role, int status) {
        /** The role drops the message instead of answering. */
        static final int DROP = 0;

        static RoleAnswer uas(int status) {
            return new RoleAnswer(ElementRole.UAS, status);
        }

        static RoleAnswer proxy(int status) {
            return new RoleAnswer(ElementRole.PROXY, status);
        }

        static RoleAnswer registrar(int status) {
            return new RoleAnswer(ElementRole.REGISTRAR, status);
        }
    }

    /** The message and what the standard validator finds in it. */
    private static Validation validate(byte[] message) {
        return MessageValidator.standard().validate(SipParser.parse(message));
    }

    /** See {@link TortureOutcome#valid(String...)}. */
    record Valid(List<String> notes) implements TortureOutcome {
        @Override
        public void verify(byte[] message) {
            Validation validation = validate(message);
            for (ElementRole role : ElementRole.values()) {
                assertThat(validation.firstRefusal(role)).as("refusal by %s", role).isEmpty();
            }
            List<String> found = new ArrayList<>();
            validation.findings().forEach(f -> found.add(f.reason()));
            assertThat(found).as("notes").hasSameSizeAs(notes);
            for (String note : notes) {
                assertThat(found).as("notes").anySatisfy(reason -> assertThat(reason).contains(note));
            }
        }
    }

    /** See {@link TortureOutcome#parseFails(int, String)}. */
    record ParseFails(int status, String reason) implements TortureOutcome {
        @Override
        public void verify(byte[] message) {
            SipParseException e = catchThrowableOfType(SipParseException.class, () -> SipParser.parse(message));
            assertThat(e).as("parse error").isNotNull();
            assertThat(e.statusCode()).as("status of " + e.reason()).isEqualTo(status);
            assertThat(e.reason()).contains(reason);
            assertThat(e.reasonPhrase()).isNotBlank();
        }
    }

    /** See {@link TortureOutcome#refused(int, String)}. */
    record Refused(int status, String reason) implements TortureOutcome {
        @Override
        public void verify(byte[] message) {
            Validation validation = validate(message);
            assertThat(validation.refusal()).as("refusal binding every element").isPresent();
            Finding refusal = validation.refusal().orElseThrow();
            assertThat(refusal.action()).isEqualTo(Action.RESPOND);
            assertThat(refusal.basis()).isEqualTo(Basis.RULE);
            assertThat(refusal.statusCode()).as("status of " + refusal.reason()).isEqualTo(status);
            assertThat(refusal.reason()).contains(reason);
            assertThat(refusal.reasonPhrase()).isNotBlank();
            for (ElementRole role : ElementRole.values()) {
                assertThat(validation.firstRefusal(role)).as("first refusal by %s", role).contains(refusal);
            }
        }
    }

    /** See {@link TortureOutcome#roleDependent(Basis, RoleAnswer...)}. */
    record RoleDependent(Basis basis, List<RoleAnswer> answers) implements TortureOutcome {
        @Override
        public void verify(byte[] message) {
            Validation validation = validate(message);
            assertThat(validation.refusal()).as("refusal binding every element").isEmpty();
            Map<ElementRole, Integer> expected = new EnumMap<>(ElementRole.class);
            answers.forEach(a -> expected.put(a.role(), a.status()));
            for (ElementRole role : ElementRole.values()) {
                Integer status = expected.get(role);
                if (status == null) {
                    assertThat(validation.firstRefusal(role)).as("refusal by %s", role).isEmpty();
                    continue;
                }
                Finding f = validation.firstRefusal(role).orElseThrow(
                        () -> new AssertionError(role + " should refuse it"));
                assertThat(f.basis()).as("basis for %s", role).isEqualTo(basis);
                if (status == RoleAnswer.DROP) {
                    assertThat(f.action()).as("action of %s", role).isEqualTo(Action.DISCARD);
                } else {
                    assertThat(f.action()).as("action of %s", role).isEqualTo(Action.RESPOND);
                    assertThat(f.statusCode()).as("status from %s", role).isEqualTo(status);
                }
            }
        }
    }

    /** See {@link TortureOutcome#responseDropped(String)} and {@link #responseDroppedUnparsed(String)}. */
    record ResponseDropped(boolean parses, String reason) implements TortureOutcome {
        @Override
        public void verify(byte[] message) {
            assertThat(new String(message, 0, 4, StandardCharsets.US_ASCII)).as("a Status-Line").isEqualTo("SIP/");
            if (!parses) {
                SipParseException e = catchThrowableOfType(SipParseException.class, () -> SipParser.parse(message));
                assertThat(e).as("parse error").isNotNull();
                assertThat(e.reason()).contains(reason);
                return;
            }
            SipMessage parsed = SipParser.parse(message);
            assertThat(parsed.isRequest()).isFalse();
            Validation validation = MessageValidator.standard().validate(parsed);
            Finding refusal = validation.refusal().orElseThrow(() -> new AssertionError("no refusal"));
            assertThat(refusal.action()).isEqualTo(Action.DISCARD);
            assertThat(refusal.statusCode()).isZero();
            assertThat(refusal.reason()).contains(reason);
        }
    }
}
