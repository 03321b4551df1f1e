/**
 * Enrolling a building's gateway: the broker account the park issues it ({@link
 * org.anju.bridge.park.enrollment.BrokerAccounts}, through Mosquitto's dynamic security plugin when
 * park.yaml configures it). The codes are kept by {@link org.anju.bridge.park.store.EnrollmentStore}
 * and redeemed at {@code POST /api/v1/enroll}.
 */
package org.anju.bridge.park.enrollment;
