package io.vigil.ioc.load;

/** The feed formats {@link FeedLoader} recognises from content (file names are not trusted). */
public enum FeedFormat {
    /** A STIX 2.x bundle, or a JSON array of STIX objects. */
    STIX,
    /** MISP event JSON: {@code {"Event": …}}, a list of those, or a REST {@code {"response": […]}}. */
    MISP,
    /** A CSV or plain list with a {@code type,value[,comment]} header. */
    CSV,
    /** JSON that is neither, or broken before it could tell. */
    UNKNOWN
}
