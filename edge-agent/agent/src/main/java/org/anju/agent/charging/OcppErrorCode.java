package org.anju.agent.charging;

/** OCPP 1.6 ChargePointErrorCode: the reason that goes with a Faulted or Unavailable connector. */
public enum OcppErrorCode {
    CONNECTOR_LOCK_FAILURE("ConnectorLockFailure"),
    EV_COMMUNICATION_ERROR("EVCommunicationError"),
    GROUND_FAILURE("GroundFailure"),
    HIGH_TEMPERATURE("HighTemperature"),
    INTERNAL_ERROR("InternalError"),
    LOCAL_LIST_CONFLICT("LocalListConflict"),
    NO_ERROR("NoError"),
    OTHER_ERROR("OtherError"),
    OVER_CURRENT_FAILURE("OverCurrentFailure"),
    OVER_VOLTAGE("OverVoltage"),
    POWER_METER_FAILURE("PowerMeterFailure"),
    POWER_SWITCH_FAILURE("PowerSwitchFailure"),
    READER_FAILURE("ReaderFailure"),
    RESET_FAILURE("ResetFailure"),
    UNDER_VOLTAGE("UnderVoltage"),
    WEAK_SIGNAL("WeakSignal");

    private final String ocppName;

    OcppErrorCode(String ocppName) {
        this.ocppName = ocppName;
    }

    public String ocppName() {
        return ocppName;
    }
}
