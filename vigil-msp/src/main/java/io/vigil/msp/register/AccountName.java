package io.vigil.msp.register;

import java.util.Locale;

/**
 * A Windows account as <code>DOMAIN&#92;user</code>, compared case-insensitively, because logs spell the same
 * account as {@code ACME\msp-tnguyen}, {@code acme\MSP-TNGUYEN} or {@code msp-tnguyen@acme.local}.
 *
 * <p>{@code domain} is the NetBIOS or DNS domain as written (may be empty when a log gives only the user);
 * {@code user} the sAMAccountName. Both are stored lower-cased.
 */
public record AccountName(String domain, String user) {
    public AccountName {
        domain = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
        user = user.toLowerCase(Locale.ROOT);
    }

    /** Parses <code>DOMAIN&#92;user</code>, {@code user@domain} or a bare {@code user}. */
    public static AccountName parse(String text) {
        int slash = text.indexOf('\\');
        if (slash >= 0) {
            return new AccountName(text.substring(0, slash), text.substring(slash + 1));
        }
        int at = text.lastIndexOf('@');
        if (at > 0) {
            return new AccountName(text.substring(at + 1), text.substring(0, at));
        }
        return new AccountName("", text);
    }

    @Override
    public String toString() {
        return domain.isEmpty() ? user : domain + "\\" + user;
    }
}
