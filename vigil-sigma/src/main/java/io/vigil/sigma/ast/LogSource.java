package io.vigil.sigma.ast;

import java.util.LinkedHashMap;
import java.util.Map;

/** A rule's {@code logsource}: which kind of log it is written for. Absent parts are null. */
public record LogSource(String product, String category, String service) {
    /** The present parts, as {@code key -> value}, in the order product, category, service. */
    public Map<String, String> present() {
        Map<String, String> m = new LinkedHashMap<>();
        if (product != null) {
            m.put("product", product);
        }
        if (category != null) {
            m.put("category", category);
        }
        if (service != null) {
            m.put("service", service);
        }
        return m;
    }

    @Override
    public String toString() {
        return present().toString();
    }
}
