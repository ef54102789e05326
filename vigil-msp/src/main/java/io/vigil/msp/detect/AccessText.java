package io.vigil.msp.detect;

import io.vigil.msp.activity.Access;

/** How explanations describe an access ("logged on (type 10) to FS01 from 10.10.5.17"). */
final class AccessText {
    private AccessText() {}

    static String verb(Access a) {
        return switch (a.kind()) {
            case LOGON -> "logged on (type " + a.logonType() + ") to";
            case KERBEROS -> "got a Kerberos TGT from";
            case NTLM -> "authenticated with NTLM at";
            case RDP -> "authenticated over RDP to";
            case RDP_SESSION -> "opened an RDP session on";
            case RDP_RECONNECT -> "reconnected an RDP session on";
            case VPN -> "opened a VPN session on";
        };
    }

    static String host(Access a) {
        return a.host() == null ? "an unnamed host" : a.host();
    }

    /** "t.nguyen (ACME\msp-tnguyen)" or just the account for non-MSP accounts. */
    static String who(Access a) {
        String key = a.who().key();
        return key == null ? a.account().toString() : key + " (" + a.account() + ")";
    }

    static String from(Access a) {
        String s = a.source();
        if (s == null) {
            return "";
        }
        if (a.sourceIp() != null && a.sourceHost() != null) {
            return " from " + a.sourceIp() + " (" + a.sourceHost() + ")";
        }
        return " from " + s;
    }
}
