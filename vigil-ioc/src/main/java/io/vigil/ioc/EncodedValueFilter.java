package io.vigil.ioc;

import io.vigil.core.event.EncodedString;
import java.util.function.IntConsumer;

/**
 * Decides from a field's stored value (still-encoded bytes, or a String a rule already decoded) that
 * {@link MatchRun} would find nothing in it, so that the value is neither decoded nor lower-cased nor
 * split: most path, hash and registry fields of a hunt hold nothing any feed lists, and decoding,
 * folding and splitting them was most of the matching cost.
 *
 * <p>Contract (soundness): {@link #cannotMatch} returns true only when every key {@link MatchRun#field}
 * would look up for that role and value is absent from the set's indexes. Each test below computes,
 * from the decoded and folded bytes ({@link FoldedAscii}), a part that every such key must share with
 * an indexed key (the basename of a path, a digest, the last two segments of a registry key, the last
 * two labels of a DNS name in free text; IPv4 addresses in free text are looked up for real) and asks
 * the set's fingerprints ({@link KeyHashSet}) whether any key has it. When the bytes cannot be read
 * that simply, or the role is not one of those, the answer is false ("look it up"). {@code
 * IocPrefilterDifferentialTest} checks the contract against the unfiltered path.
 */
final class EncodedValueFilter {
    /** Registry keys with fewer segments are always looked up (see {@link #registryCannotMatch}). */
    private static final int REGISTRY_MIN_SEPARATORS = 5;

    private static final byte[] URL_SEPARATOR = {':', '/', '/'};

    private static final byte[] REGISTRY_PREFIX = {'\\', 'r', 'e', 'g', 'i', 's', 't', 'r', 'y', '\\'};

    private final IocSet set;
    private final ThreadLocal<FoldedAscii> buffers = ThreadLocal.withInitial(FoldedAscii::new);

    EncodedValueFilter(IocSet set) {
        this.set = set;
    }

    /** This thread's buffer for {@link #cannotMatch}; fetched once per event, not once per field. */
    FoldedAscii buffer() {
        return buffers.get();
    }

    /**
     * True when looking {@code stored} ({@link io.vigil.core.event.Event#storedAt}) up for {@code role}
     * provably reports no atom. {@code text} is this thread's {@link #buffer}.
     */
    boolean cannotMatch(FieldRole role, Object stored, FoldedAscii text) {
        if (stored instanceof EncodedString encoded) {
            return cannotMatch(role, encoded, text);
        }
        if (stored instanceof String string) {
            return cannotMatch(role, string, text);
        }
        return false;
    }

    private boolean cannotMatch(FieldRole role, EncodedString value, FoldedAscii text) {
        if (role == FieldRole.TEXT && textCannotMatch(value)) {
            return true;
        }
        if (!filtered(role)) {
            return false;
        }
        return text.load(value) && cannotMatch(role, text);
    }

    private boolean cannotMatch(FieldRole role, String value, FoldedAscii text) {
        if (role == FieldRole.TEXT && textCannotMatch(value)) {
            return true;
        }
        if (!filtered(role)) {
            return false;
        }
        return text.load(value) && cannotMatch(role, text);
    }

    private static boolean filtered(FieldRole role) {
        switch (role) {
            case HASHES:
            case HASH_MD5:
            case HASH_SHA1:
            case HASH_SHA256:
            case HASH_IMPHASH:
            case PATH:
            case OBJECT_NAME:
            case REGKEY:
            case TEXT:
                return true;
            default:
                return false;
        }
    }

    private boolean cannotMatch(FieldRole role, FoldedAscii text) {
        byte[] b = text.bytes;
        int n = text.length;
        return switch (role) {
            case PATH -> pathCannotMatch(b, n);
            case OBJECT_NAME -> startsWith(b, n, REGISTRY_PREFIX) ? registryCannotMatch(b, n) : pathCannotMatch(b, n);
            case REGKEY -> registryCannotMatch(b, n);
            case TEXT -> textCannotMatch(text);
            default -> hashesCannotMatch(b, n);
        };
    }

    /**
     * URLs need {@code ://}, DNS names and IPv4 addresses a dot, IPv6 addresses colons ({@link
     * TextScanner}). Two-character escapes stand for neither character, so the encoded bytes tell.
     */
    private static boolean textCannotMatch(EncodedString value) {
        if (!value.ascii() || !value.shortEscapesOnly()) {
            return false;
        }
        byte[] b = value.bytes();
        for (int i = value.from(), to = value.to(); i < to; i++) {
            if (b[i] == '.' || b[i] == ':') {
                return false;
            }
        }
        return true;
    }

    private static boolean textCannotMatch(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            // beyond ASCII, lower-casing is not looked into: unsure
            if (c == '.' || c == ':' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link TextScanner#scan} with the candidates checked instead of reported: a DNS name can only
     * match a key that is it or one of its parent domains, and keys have two labels or more, so its last
     * two labels must be those of some key; an IPv4 address is looked up in the real table. URLs and
     * IPv6 addresses are not looked into: a value that may hold one is looked up.
     */
    private boolean textCannotMatch(FoldedAscii text) {
        byte[] b = text.bytes;
        int n = text.length;
        boolean hosts = !set.domains.isEmpty();
        boolean ips = !set.ips.isEmpty();
        if (!set.urls.isEmpty() && indexOf(b, n, URL_SEPARATOR) >= 0) {
            return false;
        }
        if (ips && set.ips.hasV6() && indexOf(b, (byte) ':', 0, n) >= 0) {
            return false;
        }
        if (!hosts && !ips) {
            return true;
        }
        AnyAtom found = new AnyAtom();
        int i = 0;
        while (i < n) {
            int dot = indexOf(b, (byte) '.', i, n);
            if (dot < 0) {
                return true;
            }
            int s = dot;
            while (s > i && isHostChar(b[s - 1])) {
                s--;
            }
            int e = dot + 1;
            while (e < n && isHostChar(b[e])) {
                e++;
            }
            i = e;
            boolean letter = false;
            for (int k = s; k < e && !letter; k++) {
                byte c = b[k];
                letter = c >= 'a' && c <= 'z' || c == '-' || c == '_';
            }
            while (s < e && isTrim(b[s])) {
                s++;
            }
            while (e > s && isTrim(b[e - 1])) {
                e--;
            }
            if (e - s < 3 || e - s > LookupKeys.MAX_DOMAIN) {
                continue;
            }
            if (!letter) {
                if (ips) {
                    long v4 = IpAddress.parseV4(text, s, e);
                    if (v4 >= 0) {
                        set.ips.lookup(new IpAddress(true, 0, v4), found);
                        if (found.any) {
                            return false;
                        }
                    }
                }
            } else if (hosts) {
                int last = lastIndexOf(b, (byte) '.', s, e);
                if (last > s) {
                    int tail = lastIndexOf(b, (byte) '.', s, last) + 1;
                    if (set.domainTails.mayContain(KeyHashSet.fingerprint(b, Math.max(tail, s), e))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Notes that a lookup reported an atom. */
    private static final class AnyAtom implements IntConsumer {
        boolean any;

        @Override
        public void accept(int atom) {
            any = true;
        }
    }

    private static boolean isHostChar(byte c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_';
    }

    private static boolean isTrim(byte c) {
        return c == '.' || c == '-' || c == '_';
    }

    /** The last {@code c} in {@code b[from, to)}, or {@code from - 1}. */
    private static int lastIndexOf(byte[] b, byte c, int from, int to) {
        int i = to - 1;
        while (i >= from && b[i] != c) {
            i--;
        }
        return i;
    }

    private static int indexOf(byte[] b, int n, byte[] what) {
        for (int i = 0; i + what.length <= n; i++) {
            int k = 0;
            while (k < what.length && b[i + k] == what[k]) {
                k++;
            }
            if (k == what.length) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@link LookupKeys#path} then {@link PathSuffixIndex#lookup}: every probed suffix ends with the
     * path's last segment, so some file key must end with that segment.
     */
    private boolean pathCannotMatch(byte[] b, int n) {
        int s = trimmedStart(b, n);
        int e = trimmedEnd(b, s, n);
        if (s < e && b[s] == '"') {
            int close = indexOf(b, (byte) '"', s + 1, e);
            s++;
            if (close >= 0) {
                e = close;
            }
        } else {
            int exe = indexOfExeSpace(b, s, e);
            if (exe >= 0) {
                e = exe + 4;
            }
        }
        // '/' counts as '\' (LookupKeys.path); trailing separators are dropped (PathSuffixIndex)
        while (e > s && isPathSeparator(b[e - 1])) {
            e--;
        }
        if (e == s) {
            return true;
        }
        int base = e;
        while (base > s && !isPathSeparator(b[base - 1])) {
            base--;
        }
        return !set.fileBasenames.mayContain(KeyHashSet.fingerprint(b, base, e));
    }

    /**
     * {@link MatchRun}'s hash list split: every looked-up digest is one of these tokens, so one of them
     * must be an indexed digest.
     */
    private boolean hashesCannotMatch(byte[] b, int n) {
        int i = 0;
        while (i < n) {
            while (i < n && isHashSeparator(b[i])) {
                i++;
            }
            int start = i;
            int eq = -1;
            while (i < n && !isHashSeparator(b[i])) {
                if (b[i] == '=' && eq < 0) {
                    eq = i;
                }
                i++;
            }
            if (i == start) {
                break;
            }
            int valueStart = eq >= 0 ? eq + 1 : start;
            int len = i - valueStart;
            if ((len == 32 || len == 40 || len == 64 || len == 128)
                    && set.hashKeyPrints.mayContain(KeyHashSet.fingerprint(b, valueStart, i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link LookupKeys#registryKey} and {@link MatchRun}'s key, parent and HKU-as-HKCU lookups. With
     * at least six segments, renaming the hive touches at most the first three, and every looked-up key
     * ends with the value's last segment or with its second-to-last one; shorter keys are looked up.
     */
    /** Where {@link String#trim} would start the first {@code n} bytes. */
    private static int trimmedStart(byte[] b, int n) {
        int s = 0;
        while (s < n && (b[s] & 0xFF) <= ' ') {
            s++;
        }
        return s;
    }

    /** Where {@link String#trim} would end the bytes from {@code s} to {@code n}. */
    private static int trimmedEnd(byte[] b, int s, int n) {
        int e = n;
        while (e > s && (b[e - 1] & 0xFF) <= ' ') {
            e--;
        }
        return e;
    }

    private boolean registryCannotMatch(byte[] b, int n) {
        int s = trimmedStart(b, n);
        int e = trimmedEnd(b, s, n);
        while (e > s && isPathSeparator(b[e - 1])) {
            e--;
        }
        int separators = 0;
        for (int i = s; i < e; i++) {
            if (isPathSeparator(b[i])) {
                separators++;
            }
        }
        if (separators < REGISTRY_MIN_SEPARATORS) {
            return false;
        }
        int last = e;
        while (!isPathSeparator(b[last - 1])) {
            last--;
        }
        int previous = last - 1;
        while (!isPathSeparator(b[previous - 1])) {
            previous--;
        }
        return !set.registryTails.mayContain(KeyHashSet.fingerprint(b, last, e))
                && !set.registryTails.mayContain(KeyHashSet.fingerprint(b, previous, last - 1));
    }

    private static boolean isPathSeparator(byte c) {
        return c == '\\' || c == '/';
    }

    private static boolean isHashSeparator(byte c) {
        return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean startsWith(byte[] b, int n, byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfExeSpace(byte[] b, int from, int to) {
        for (int i = from; i + 5 <= to; i++) {
            if (b[i] == '.' && b[i + 1] == 'e' && b[i + 2] == 'x' && b[i + 3] == 'e' && b[i + 4] == ' ') {
                return i;
            }
        }
        return -1;
    }
}
