/**
 * Server location, RFC 3263: which transport, address and port to send a request to.
 *
 * <p>{@link org.parley.transport.resolve.ServerLocator} is the SPI; {@link
 * org.parley.transport.resolve.DnsServerLocator} implements RFC 3263 §4.1 (transport selection with
 * NAPTR), §4.2 (SRV ordered per RFC 2782, then A/AAAA) and hands back the ordered list the caller
 * fails over along (§4.3), as a {@link org.parley.transport.resolve.TargetSet} that records each
 * failure and ends in a {@link org.parley.transport.resolve.TargetsExhaustedException}. Answers are
 * cached by TTL, negative ones by their SOA (RFC 2308 §5, bounded); CNAME chains are followed
 * (bounded, loops refused); truncated UDP answers are asked again over TCP (RFC 7766 §5).
 * Configuration is one {@link org.parley.transport.resolve.ResolverConfig}. RFC 3263 §5 (locating a
 * client to send a response to) is done by the transport layer with a locator of this package.
 *
 * <p>Thread model: DNS queries run on the locator's own single Netty event loop and never block;
 * futures complete there (or on the caller for numeric hosts and cache hits). The record caches are
 * guarded by their own locks; values are immutable.
 *
 * <p>Dependencies: {@code parley-message} (SipUri, Host), Netty {@code netty-resolver-dns},
 * {@code netty-codec-dns} and the NIO transport, the JDK.
 */
package org.parley.transport.resolve;
