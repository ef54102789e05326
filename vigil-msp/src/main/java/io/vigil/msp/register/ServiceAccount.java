package io.vigil.msp.register;

/** An account that must never log on interactively (control C14): a service or RMM agent account. */
public record ServiceAccount(AccountName account, Kind kind) {
    /** What the account is for; both kinds are non-interactive. */
    public enum Kind {
        SERVICE,
        RMM
    }
}
