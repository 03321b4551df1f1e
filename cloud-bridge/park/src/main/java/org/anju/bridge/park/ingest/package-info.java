/**
 * What the gateways publish, into the store. {@link Ingest} believes nothing before its signature
 * checks against the key of the gateway whose topic it came on ({@link GatewayKeys}, looked for
 * again so a new building needs no restart); anything else is counted by kind, logged once and
 * dropped. Only after the store commits does {@link Receipts} tell the gateway, in a signed
 * {@code DeliveryReceipt} gathering a short window of batches: that, not the broker's PUBACK, is
 * what makes an event delivered.
 */
package org.anju.bridge.park.ingest;
