package io.vigil.msp.activity;

/** How an account got in: the events C03/C04/C05 judge. */
public enum AccessKind {
    /** Security 4624. */
    LOGON,
    /** Security 4768 (Kerberos TGT). */
    KERBEROS,
    /** Security 4776 (NTLM validation on a DC). */
    NTLM,
    /** TerminalServices-RemoteConnectionManager 1149 (RDP authentication). */
    RDP,
    /** TerminalServices-LocalSessionManager 21 or 25 (RDP session logon or reconnect). */
    RDP_SESSION,
    /** Security 4778 (an RDP session reconnected from a client). */
    RDP_RECONNECT,
    /** A VPN session record. */
    VPN
}
