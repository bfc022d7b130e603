/**
 * Stateless checks of a parsed message: {@link org.parley.message.validation.MessageValidator}
 * reads every known header and applies the RFC 3261 rules every element enforces (syntax, mandatory
 * and single-valued headers, CSeq method, Request-URI) and the role-dependent ones (416, 420, 483,
 * 405/501, 415, 406, the registrar's §10.3 checks), returning
 * {@link org.parley.message.validation.Finding}s that say, per {@link
 * org.parley.message.validation.ElementRole}, what to answer. RFC 4475 §3 describes most of the
 * cases.
 *
 * <p>Thread model: every type here is immutable and thread-safe. Depends on the rest of
 * {@code parley-message} only.
 */
package org.parley.message.validation;
