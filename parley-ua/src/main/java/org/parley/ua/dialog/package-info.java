/**
 * Dialogs (RFC 3261 §12): the peer-to-peer relationship that an INVITE (or another dialog-creating
 * request) sets up, and what a user agent needs to send and accept requests within it.
 *
 * <p>{@link org.parley.ua.dialog.Dialog} holds the dialog state of §12.1 (identifier, local and remote
 * sequence numbers, local and remote URIs and targets, route set, secure flag), builds requests
 * within the dialog (§12.2.1.1: Request-URI and Route for loose and strict routing, CSeq, From/To
 * tags, Call-ID), the ACK for a 2xx (§13.2.2.4), checks requests that arrive within it (§12.2.2:
 * lower CSeq gets 500) and follows target refreshes (§12.2.1.2, §12.2.2).
 * {@link org.parley.ua.dialog.DialogSet} is the UAC side of one INVITE that a proxy may fork: several
 * early dialogs keyed by remote tag, the first 2xx confirms one and ends the others, and a later
 * 2xx from another fork gives a dialog the call layer must ACK and then end with BYE (§13.2.2.4).
 *
 * <pre>
 *            101-199 with To tag              2xx (§13.2.2.4: route set recomputed)
 *   (none) ─────────────────────► EARLY ───────────────────────────────► CONFIRMED
 *      │                            │                                        │
 *      │ 2xx                        │ non-2xx final, or another              │ BYE, or 481/408 to
 *      └──────────► CONFIRMED       │ fork's 2xx came first (§12.3)          │ an in-dialog request
 *                                   ▼                                        ▼ (§12.3, §12.2.1.2)
 *                               TERMINATED                               TERMINATED
 * </pre>
 *
 * <p>Thread model: {@link org.parley.ua.dialog.DialogId} and the outcome values are immutable.
 * {@link org.parley.ua.dialog.Dialog} and {@link org.parley.ua.dialog.DialogSet} are mutable and
 * confined to the transaction lane of their Call-ID (every transaction of a dialog shares that lane,
 * see {@code org.parley.transaction}); nothing here blocks, reads a clock or does I/O. The Via of
 * each request built here (with its new branch) is left to the transaction and transport layers.
 *
 * <p>Depends on {@code parley-message} only.
 */
package org.parley.ua.dialog;
