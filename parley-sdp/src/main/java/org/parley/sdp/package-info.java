/**
 * The Session Description Protocol: an immutable model, a parser and a serializer (RFC 8866).
 *
 * <pre>
 *   bytes ──► SdpParser.parse ──► SessionDescription ──► toString() / toBytes()   (CRLF, RFC 8866 §5 order)
 *                                   ├─ Origin, Connection, Bandwidth, Timing, Attribute (session level)
 *                                   └─ MediaDescription*  (m= i= c= b= k= a=)
 *                                        └─ typed views, parsed on read: RtpMap, Fmtp, Direction, Rtcp,
 *                                           Group, Setup, Fingerprint, Crypto, Candidate
 * </pre>
 *
 * <p><b>Design.</b> Every value keeps what was written: attributes stay in order, unknown ones are
 * kept byte for byte, and a well-formed CRLF description serializes to the bytes it was parsed from.
 * Typed views (RFC 8866 §6 rtpmap, fmtp, ptime, direction; RFC 3605 rtcp; RFC 5761 rtcp-mux; RFC 5888
 * mid and group; RFC 4145 setup; RFC 8122 fingerprint; RFC 4568 crypto; RFC 8839 candidate) parse the
 * raw value when read. Descriptions change through {@code toBuilder()}.
 *
 * <p><b>Errors.</b> Bad input raises only {@link org.parley.sdp.SdpParseException}, naming the line
 * number and field, with a reason phrase for the SIP 488 answer a user agent sends (RFC 3261
 * §21.4.26). API misuse raises {@link java.lang.IllegalArgumentException} naming the bad value.
 *
 * <p><b>Threads.</b> Values and {@link org.parley.sdp.SdpParser} are immutable and thread-safe;
 * builders are confined to one thread.
 *
 * <p><b>Dependencies.</b> The JDK only: this module has no runtime dependencies (STYLE.md §1).
 */
package org.parley.sdp;
