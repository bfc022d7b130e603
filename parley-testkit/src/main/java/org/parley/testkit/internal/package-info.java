/**
 * Helpers the test-support packages of this module share (process launchers' file chores); not
 * for use outside {@code parley-testkit}. Stateless; depends on the JDK only.
 */
package org.parley.testkit.internal;
