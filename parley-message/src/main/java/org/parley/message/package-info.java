/**
 * The SIP message layer: messages, their parser, stream framer, builders and serializer
 * (RFC 3261 §7, §18.3, §20, §25; RFC 4475 and RFC 5118 torture tests).
 *
 * <pre>
 *   bytes ──► SipParser.parseDatagram ─┐                      ┌─► toBytes()      (wire bytes, copied as is)
 *   bytes ──► StreamFramer.next ───────┼─► SipMessage ────────┼─► toCanonicalBytes()
 *                                      │   (index of lines;   └─► toBuilder() ─► build()
 *   SipRequest.builder / ──────────────┘    values typed lazily)     (untouched lines copied byte for byte)
 *   SipResponse.builder
 * </pre>
 *
 * <p><b>Design.</b> Messages and every value in this module are immutable; new ones are made with
 * builders ({@code builder()}, {@code toBuilder()}). Parsing is lazy: it indexes the start line, the
 * header lines and the body, and checks what framing needs; a header's typed value
 * ({@code org.parley.message.header}, {@code org.parley.message.uri}) is parsed when first read and
 * cached. A value that breaks its grammar raises {@link org.parley.message.SipParseException} when
 * read; {@link org.parley.message.validation.MessageValidator} reads every known header at once
 * and applies the rules every element enforces, for code that wants the verdict up front. The wire vocabulary is
 * open: {@link org.parley.message.Method}, {@link org.parley.message.HeaderName} and status codes
 * accept any valid token or code.
 *
 * <p><b>Errors.</b> Bad input raises only {@link org.parley.message.SipParseException}, carrying a
 * reason, a byte offset and the status and reason phrase a server should answer with. API misuse
 * raises {@link java.lang.IllegalArgumentException} naming the bad value.
 *
 * <p><b>Threads.</b> Immutable values are thread-safe. Builders and {@link
 * org.parley.message.StreamFramer} are confined to one thread (one connection's event loop).
 *
 * <p><b>Dependencies.</b> The JDK only: this module has no runtime dependencies (STYLE.md §1).
 */
package org.parley.message;
