/**
 * Pieces of the transport layer that are not API: the §18.2.1 Via stamp and the answer to a
 * malformed request. Used by {@code org.parley.transport} only; users never should (STYLE.md §2).
 * Stateless.
 */
package org.parley.transport.internal;
