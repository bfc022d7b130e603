package org.parley.proxy.location;

/**
 * How much a {@link LocationStore} holds, for administration and metrics. Immutable.
 *
 * @param addressesOfRecord records with at least one live binding
 * @param bindings live bindings over all records
 */
public record LocationCounts(long addressesOfRecord, long bindings) {
}
