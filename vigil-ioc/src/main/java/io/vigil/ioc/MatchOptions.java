package io.vigil.ioc;

/**
 * How {@link IocMatcher} applies indicators to events.
 *
 * @param enforceIpDirection when true, {@code ip-src} indicators only match source-side fields
 *     (SourceIp, IpAddress, source.ip, ...) and {@code ip-dst} only destination-side ones; fields whose
 *     name tells no direction match both. Off by default: feeds are careless about direction, and a
 *     known-bad address is bad on either side.
 * @param checkValidity when true (the default), an indicator only matches events whose time lies in its
 *     [valid_from, valid_until) window; events without a time always match. Turn it off to retro-hunt
 *     with indicators published after the events.
 */
public record MatchOptions(boolean enforceIpDirection, boolean checkValidity) {
    public static MatchOptions defaults() {
        return new MatchOptions(false, true);
    }
}
