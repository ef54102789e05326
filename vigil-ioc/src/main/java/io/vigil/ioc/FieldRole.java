package io.vigil.ioc;

/** What an event field can hold, and so which indicator sets are looked up with its value. */
enum FieldRole {
    /** {@code MD5=…,SHA256=…,IMPHASH=…} lists (Sysmon Hashes) or a bare digest of unstated kind. */
    HASHES(null),
    HASH_MD5(IocType.MD5),
    HASH_SHA1(IocType.SHA1),
    HASH_SHA256(IocType.SHA256),
    HASH_IMPHASH(IocType.IMPHASH),
    /** A file path whose trailing segments are looked up (Image, TargetFilename, ImageLoaded, …). */
    PATH(null),
    IP_SRC(null),
    IP_DST(null),
    /** An address field whose direction the name does not tell. */
    IP_ANY(null),
    /** A DNS name, or an address where the field may hold either (QueryName, DestinationHostname). */
    HOST(null),
    URL(null),
    /** Free text scanned for URLs, DNS names and addresses (CommandLine, ScriptBlockText). */
    TEXT(null),
    PIPE(null),
    REGKEY(null),
    /** Security-log ObjectName: a registry key when it starts with {@code \REGISTRY\}, else a path. */
    OBJECT_NAME(null),
    MUTEX(null),
    PORT_DST(null),
    NONE(null);

    /** For single-digest fields, the algorithm the field name states. */
    final IocType hashKind;

    FieldRole(IocType hashKind) {
        this.hashKind = hashKind;
    }
}
