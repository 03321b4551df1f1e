/**
 * Attempt limits and the offline PIN rule, in memory with no I/O and time from a supplied monotonic
 * source: {@link OfflinePin}, computed by a tenant's phone and checked at the gateway's keypad with
 * no network between them (both ends implement it exactly), {@link TokenBucket} (the one rate
 * limiter, also the uplink's backlog rate), {@link AttemptLimiter} (a bucket per key, bounded in
 * keys, for the park's door opens and the gateway's local API) and
 * {@link SignInThrottle} (the park's: wrong passwords slow only the login and address that made
 * them, so nobody can lock a person out).
 */
package org.anju.bridge.access;
