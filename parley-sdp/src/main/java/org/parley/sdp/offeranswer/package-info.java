/**
 * The SDP offer/answer model (RFC 3264) over {@link org.parley.sdp.SessionDescription}.
 *
 * <pre>
 *   LocalCapabilities ──► OfferAnswer.createOffer ──► offer ─────────────► peer
 *   peer's offer ───────► OfferAnswer.answer ───────► AnswerResult
 *                                                       ├─ Accepted(answer)   (rejected streams at port 0)
 *                                                       └─ Refused(reason)    (UA answers 488)
 *   previous offer ─────► OfferAnswer.hold / resume / reoffer ──► new offer (o= version + 1, §8)
 * </pre>
 *
 * <p>Rules followed: RFC 3264 §5 (the offer), §6 and §6.1 (the answer: same m-lines, port 0 rejects,
 * codecs in the offerer's order with its payload types, mirrored direction), §8 (modifying a session:
 * the version goes up by one when anything changed) and §8.4 (hold with sendonly or inactive);
 * RFC 4733 telephone-event kept beside a real codec; RFC 5888 §9.1 mid echoed.
 *
 * <p><b>Threads.</b> Immutable values and a stateless {@link org.parley.sdp.offeranswer.OfferAnswer}:
 * thread-safe.
 *
 * <p><b>Dependencies.</b> {@code org.parley.sdp} and the JDK only.
 */
package org.parley.sdp.offeranswer;
