/**
 * Helpers the test-support packages of this module share: the process launchers' program lookup
 * and file chores. Not for use outside {@code parley-testkit}. Stateless; depends on the JDK only.
 */
package org.parley.testkit.internal;
