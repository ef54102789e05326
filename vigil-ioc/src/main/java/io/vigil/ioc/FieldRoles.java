package io.vigil.ioc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies event field names (Sigma/Windows names, ECS dotted names, flat collector names) into
 * {@link FieldRole}s. Names are compared case-insensitively; {@code winlog.event_data.} and similar
 * prefixes are ignored. Results are cached because the same few dozen names recur in every event; the
 * cache is a fixed-size table, so that hostile inputs with endless distinct names cannot grow it.
 *
 * <p>NOTE: the tables are code rather than a resource file because the roles drive code paths (hash
 * parsing, direction); adding a field name is one line here.
 */
final class FieldRoles {
    /** Slots of the cache (a power of two), and how many neighbours a name may be filed in. */
    private static final int SLOTS = 4096;

    private static final int PROBES = 4;
    private static final Map<String, FieldRole> NAMES = new HashMap<>();

    static {
        names(FieldRole.HASHES, "hashes", "hash", "filehash", "file_hash", "hashes.all");
        names(FieldRole.HASH_MD5, "md5", "md5hash", "file.hash.md5", "process.hash.md5", "hash.md5", "dll.hash.md5");
        names(
                FieldRole.HASH_SHA1,
                "sha1",
                "sha-1",
                "sha1hash",
                "file.hash.sha1",
                "process.hash.sha1",
                "hash.sha1",
                "dll.hash.sha1");
        names(
                FieldRole.HASH_SHA256,
                "sha256",
                "sha-256",
                "sha256hash",
                "file.hash.sha256",
                "process.hash.sha256",
                "hash.sha256",
                "dll.hash.sha256");
        names(
                FieldRole.HASH_IMPHASH,
                "imphash",
                "file.pe.imphash",
                "process.pe.imphash",
                "dll.pe.imphash",
                "pe.imphash",
                "hash.imphash");
        names(
                FieldRole.PATH,
                "image",
                "parentimage",
                "targetfilename",
                "imageloaded",
                "sourceimage",
                "targetimage",
                "originalfilename",
                "newprocessname",
                "parentprocessname",
                "processname",
                "application",
                "servicefilename",
                "imagepath",
                "sourcefilename",
                "filename",
                "file_name",
                "filepath",
                "path",
                "file.path",
                "file.name",
                "file.target_path",
                "process.executable",
                "process.name",
                "process.parent.executable",
                "process.parent.name",
                "process.pe.original_file_name",
                "file.pe.original_file_name",
                "dll.path",
                "dll.name",
                "dll.pe.original_file_name");
        names(
                FieldRole.IP_SRC,
                "sourceip",
                "sourceaddress",
                "ipaddress",
                "clientaddress",
                "clientip",
                "client_ip",
                "source.ip",
                "client.ip",
                "src_ip",
                "srcip",
                "src",
                "source_ip",
                "sourceipaddress",
                "src_addr",
                "ip-src");
        names(
                FieldRole.IP_DST,
                "destinationip",
                "destaddress",
                "destinationaddress",
                "destination.ip",
                "server.ip",
                "dst_ip",
                "dstip",
                "dst",
                "dest_ip",
                "destip",
                "destination_ip",
                "dst_addr",
                "ip-dst");
        names(
                FieldRole.IP_ANY,
                "ip",
                "ipaddr",
                "ip_address",
                "related.ip",
                "remoteaddress",
                "remoteip",
                "network.forwarded_ip");
        // host.ip and LocalAddress are the monitored machine's own addresses: a range in a feed that
        // covers them would flag every event of that host, so they are not looked up
        names(
                FieldRole.HOST,
                "queryname",
                "dns.question.name",
                "destinationhostname",
                "sourcehostname",
                "url.domain",
                "destination.domain",
                "source.domain",
                "server.domain",
                "client.domain",
                "destination.address",
                "source.address",
                "server.address",
                "client.address",
                "dns.question.registered_domain",
                "query",
                "dnsquery",
                "remotehost",
                "targetservername");
        names(FieldRole.URL, "url", "url.full", "url.original", "requesturl", "uri", "request_url");
        names(
                FieldRole.TEXT,
                "commandline",
                "parentcommandline",
                "scriptblocktext",
                "payload",
                "hostapplication",
                "process.command_line",
                "process.parent.command_line",
                "powershell.file.script_block_text",
                "powershell.command.value",
                "queryresults",
                "dns.answers.data",
                "details",
                "contextinfo");
        names(FieldRole.PIPE, "pipename", "pipe.name", "named_pipe", "namedpipe");
        names(FieldRole.REGKEY, "targetobject", "newname", "registry.path", "registry.key", "keyname", "registrykey");
        names(FieldRole.OBJECT_NAME, "objectname");
        names(FieldRole.MUTEX, "mutex", "mutexname", "mutex.name", "mutant");
        names(
                FieldRole.PORT_DST,
                "destinationport",
                "destport",
                "destination.port",
                "dst_port",
                "dstport",
                "dest_port",
                "server.port");
    }

    private static final String[] PREFIXES = {"winlog.event_data.", "event_data.", "eventdata.", "event.data."};

    /** A cached classification; immutable, so that publishing it through a plain array is safe. */
    private static final class Entry {
        final String name;
        final FieldRole role;

        Entry(String name, FieldRole role) {
            this.name = name;
            this.role = role;
        }
    }

    // Readers use the flat reader's shared name instances, so the identity test usually answers before
    // equals is needed; a ConcurrentHashMap here showed in hunt profiles. Races only classify twice.
    private final Entry[] cache = new Entry[SLOTS];

    private static void names(FieldRole role, String... names) {
        for (String n : names) {
            NAMES.put(n, role);
        }
    }

    FieldRole of(String name) {
        int h = name.hashCode();
        int home = (h ^ h >>> 16) & (SLOTS - 1);
        Entry[] slots = cache;
        for (int k = 0; k < PROBES; k++) {
            Entry e = slots[(home + k) & (SLOTS - 1)];
            if (e == null) {
                break;
            }
            if (e.name == name || e.name.equals(name)) {
                return e.role;
            }
        }
        FieldRole role = classify(name);
        Entry entry = new Entry(name, role);
        for (int k = 0; k < PROBES; k++) {
            int at = (home + k) & (SLOTS - 1);
            if (slots[at] == null) {
                slots[at] = entry;
                return role;
            }
        }
        // neighbourhood full: the newest name takes the home slot (bounded, never grows)
        slots[home] = entry;
        return role;
    }

    static FieldRole classify(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length());
                break;
            }
        }
        FieldRole known = NAMES.get(n);
        if (known != null) {
            return known;
        }
        // Hash fields go by many names (Hashes, FileHash, file.hash.sha256, process.hash.md5, ...)
        if (n.endsWith("md5")) {
            return FieldRole.HASH_MD5;
        }
        if (n.endsWith("sha256") || n.endsWith("sha-256")) {
            return FieldRole.HASH_SHA256;
        }
        if (n.endsWith("sha1") || n.endsWith("sha-1")) {
            return FieldRole.HASH_SHA1;
        }
        if (n.endsWith("imphash")) {
            return FieldRole.HASH_IMPHASH;
        }
        if (n.contains("hash")) {
            return FieldRole.HASHES;
        }
        return FieldRole.NONE;
    }
}
