package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import io.vigil.msp.register.AccountName;

/**
 * Who did what an event records, and from where: the account ({@code TargetDomainName\TargetUserName}
 * for logon events, {@code SubjectDomainName\SubjectUserName} for changes made by someone, {@code
 * Param2\Param1} for RDP authentication, {@code User} for Sysmon and session events, {@code user} for VPN
 * sessions) with the source address and workstation when the event gives them.
 *
 * @param account the acting account (never a machine or system account)
 * @param sourceIp a usable source address, or null
 * @param sourceHost the source workstation name as written, or null
 */
public record Actor(AccountName account, String sourceIp, String sourceHost) {
    /** The source as one word: the address when known, else the short workstation name; may be null. */
    public String source() {
        return sourceIp != null ? sourceIp : FieldText.shortHost(sourceHost);
    }

    /** Reads the actor of an event, or null when it names none (or only a system account). */
    public static Actor of(Event e) {
        long id = FieldText.number(e, "EventID", -1);
        String channel = FieldText.text(e, "Channel");
        if (channel != null && channel.startsWith("Microsoft-Windows-TerminalServices-RemoteConnectionManager")) {
            return make(FieldText.text(e, "Param2"), FieldText.text(e, "Param1"), FieldText.text(e, "Param3"), null);
        }
        if (channel != null && channel.startsWith("Microsoft-Windows-TerminalServices-LocalSessionManager")) {
            return qualified(FieldText.text(e, "User"), FieldText.text(e, "Address"), null);
        }
        if (e.has("log_type") || (e.has("user") && e.has("assigned_ip"))) {
            return qualified(FieldText.text(e, "user"), FieldText.text(e, "src_ip"), null);
        }
        String ip = FieldText.text(e, "IpAddress");
        String ws = FieldText.text(e, "WorkstationName");
        if ("Security".equals(channel)) {
            if (id == 4624 || id == 4625 || id == 4634 || id == 4647 || id == 4672) {
                return make(FieldText.text(e, "TargetDomainName"), FieldText.text(e, "TargetUserName"), ip, ws);
            }
            if (id == 4768 || id == 4769 || id == 4771) {
                return qualifiedWithDomain(
                        FieldText.text(e, "TargetUserName"), FieldText.text(e, "TargetDomainName"), ip);
            }
            if (id == 4778 || id == 4779) {
                return make(
                        FieldText.text(e, "AccountDomain"),
                        FieldText.text(e, "AccountName"),
                        FieldText.text(e, "ClientAddress"),
                        FieldText.text(e, "ClientName"));
            }
            if (id == 4776) {
                return make(null, FieldText.text(e, "TargetUserName"), null, FieldText.text(e, "Workstation"));
            }
        }
        if (e.has("SubjectUserName")) {
            return make(FieldText.text(e, "SubjectDomainName"), FieldText.text(e, "SubjectUserName"), ip, ws);
        }
        if (e.has("User")) {
            return qualified(FieldText.text(e, "User"), null, null);
        }
        return null;
    }

    private static Actor qualifiedWithDomain(String user, String domain, String ip) {
        if (user == null) {
            return null;
        }
        if (user.indexOf('@') > 0 || user.indexOf('\\') >= 0) {
            return qualified(user, ip, null);
        }
        return make(domain, user, ip, null);
    }

    private static Actor qualified(String text, String ip, String ws) {
        if (text == null) {
            return null;
        }
        AccountName a = AccountName.parse(text);
        return make(a.domain(), a.user(), ip, ws);
    }

    private static Actor make(String domain, String user, String ip, String ws) {
        if (user == null || FieldText.isMachineOrSystem(user)) {
            return null;
        }
        String d = domain;
        if (d != null && (d.equalsIgnoreCase("NT AUTHORITY") || d.equalsIgnoreCase("Window Manager"))) {
            return null;
        }
        return new Actor(new AccountName(d, user), FieldText.usableIp(ip), ws);
    }
}
