/**
 * SIP transactions (RFC 3261 §17 as amended by RFC 6026). So far: the keys that match a message
 * to its transaction ({@link org.parley.transaction.TransactionKey}, §17.1.3 and §17.2.3 with the
 * RFC 2543 fallback) and the timer wheel of sub-package {@code timer}.
 *
 * <p>Thread model: keys are immutable. Depends on {@code parley-message}, {@code parley-transport}
 * and SLF4J.
 */
package org.parley.transaction;
