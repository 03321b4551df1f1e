package org.anju.bridge.park.people;

/** Who a person is to the park; every endpoint names the roles it serves and checks the scope within. */
public enum Role {
    /** Opens the doors their lease grants and charges their e-bike. */
    TENANT,
    /** Registers renters in their own buildings' rooms and ends leases there. */
    LANDLORD,
    /** Watches every charging port of the park and acts on alarms. */
    OFFICER,
    /** Creates accounts and assigns buildings to landlords. */
    ADMIN
}
