package io.vigil.scenario;

/** A Windows account: NetBIOS domain, user name and SID, as Security events carry them. */
public record Account(String domain, String user, String sid) {
    @Override
    public String toString() {
        return domain + "\\" + user;
    }
}
