package io.vigil.core.diag;

import java.util.Locale;

/** How bad a diagnostic is: errors reject a rule or skip an input item; warnings and infos do not. */
public enum Severity {
    INFO,
    WARNING,
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
