/**
 * Timers for the transaction layer: {@link org.parley.transaction.timer.TimerWheel}, a hashed
 * timing wheel of 1 ms slots holding intrusive {@link org.parley.transaction.timer.WheelTimer}s, so
 * that the Timers A–K of RFC 3261 §17 (and L, M of RFC 6026) cost no allocation and O(1) to set,
 * reset and cancel, even with a million pending.
 *
 * <p>Thread model: a wheel and its timers are confined to the one thread that drives it. The wheel
 * reads no clock: its driver passes the time, the system clock in production, a virtual clock in
 * tests. Depends on SLF4J only.
 */
package org.parley.transaction.timer;
