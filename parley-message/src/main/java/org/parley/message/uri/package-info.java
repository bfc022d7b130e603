/**
 * URIs as SIP carries them: {@link org.parley.message.uri.SipUri} for sip and sips
 * (RFC 3261 §19.1, grammar §25.1), {@link org.parley.message.uri.TelUri} for tel (RFC 3966),
 * {@link org.parley.message.uri.AbsoluteUri} for any other scheme, all behind the sealed
 * {@link org.parley.message.uri.Uri} whose {@code parse} picks the type by scheme;
 * {@link org.parley.message.uri.Host} for host names and IPv4/IPv6 addresses (RFC 5118,
 * RFC 4291 §2.2, RFC 5954), shared with the Via header; and
 * {@link org.parley.message.uri.UriEscapes} for {@code %HH} escaping (RFC 3261 §19.1.2).
 *
 * <p>Equality follows the comparison rules of the RFCs: RFC 3261 §19.1.4 for SIP URIs, RFC 3966
 * §4 for tel URIs. A parsed URI keeps its text and writes it back unchanged.
 *
 * <p>Parsing is on the hot path: it scans with indices (no regular expressions, splitting or
 * streams), allocates the component strings and nothing for parameters or headers a URI does not
 * have, and never looks a name up in DNS. Bad input raises
 * {@link org.parley.message.SipParseException} with status 400 and a reason phrase naming the URI.
 *
 * <p>Thread model: all types are immutable values, safe to share between threads; their builders
 * are not thread-safe and are meant for one thread.
 *
 * <p>Depends only on the JDK and {@code org.parley.message} ({@code SipParseException},
 * {@code Parameters}, {@code Syntax}, {@code Method}).
 */
package org.parley.message.uri;
