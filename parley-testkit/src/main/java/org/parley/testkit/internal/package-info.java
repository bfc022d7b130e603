/**
 * Helpers the test-support packages of this module share: the process launchers' program lookup
 * and file chores, free loopback ports, stopping a process tree by id, and a child's output kept as
 * lines to wait on. Not for use outside {@code parley-testkit}. Stateless, except
 * {@code OutputLines} (thread-safe, one lock); depends on the JDK only.
 */
package org.parley.testkit.internal;
