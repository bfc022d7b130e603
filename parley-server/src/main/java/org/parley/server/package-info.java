/**
 * The runnable Parley server (issue #8): a registrar and proxy on the configured listeners, with its
 * stores, certificates, configuration file, admin HTTP endpoint and lifecycle. {@code ./parley server}
 * (in parley-cli) starts it.
 */
package org.parley.server;
