/**
 * Who is signed in, and passwords: {@link PasswordHasher} (PBKDF2-SHA256, iterations stored per
 * hash), {@link PasswordPolicy} (length, the shipped list of common passwords, not the login),
 * {@link Sessions} and {@link SessionTokens} (HMAC-signed; whether a session lives is the store's
 * to say, so a sign-out holds on every instance) with a {@link SessionLifetime} per role. The slow
 * hash runs only on {@link HashPool}, a few threads and a short queue ordered by priority, never on
 * an event loop, so a sign-in flood can neither lock a person out nor make them wait behind it.
 */
package org.anju.bridge.park.auth;
