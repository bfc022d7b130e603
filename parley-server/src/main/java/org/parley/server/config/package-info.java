/**
 * The server's configuration: {@link org.parley.server.config.ServerConfig} and its parts, each a
 * record checked when built, the YAML file reader {@link org.parley.server.config.ConfigLoader} and
 * the writer {@link org.parley.server.config.ConfigPrinter} behind {@code parley config show}.
 *
 * <pre>
 *   defaults ─► file (ConfigLoader, optional) ─► command-line flags (parley server) ─► ServerConfig
 * </pre>
 *
 * <p>Every part maps onto one layer's own configuration record (transport, transactions, registrar,
 * stores), whose checks run when the file is read, so a bad value is refused before anything starts,
 * with the file, the key path and what was expected ({@link org.parley.server.config.ConfigException}).
 *
 * <p>Thread model: everything here is immutable or stateless. Depends on parley-transport,
 * parley-transaction and parley-proxy (for their defaults and checks) and Jackson 3 (YAML).
 */
package org.parley.server.config;
