package io.vigil.scenario;

/**
 * A Windows host of the cast. {@code computer} is the name its forwarder writes (FQDN, or the bare name for
 * BETACO's forwarder); {@code skewMillis} is its stable clock error, added to every time it records.
 */
public record Host(String org, String name, String computer, String ip, String domain, long skewMillis) {
    /** The machine account, as {@code NAME$}. */
    public String machineAccount() {
        return name + "$";
    }
}
