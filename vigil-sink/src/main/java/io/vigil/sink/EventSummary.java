package io.vigil.sink;

import io.vigil.core.event.Event;
import java.util.List;
import java.util.StringJoiner;

/**
 * The one-line {@code key=value; ...} digest of an event that the CSV {@code details} column and the
 * table's Details column show.
 *
 * <p>Only fields an analyst triages on are listed, in a fixed order, and only when present and
 * non-empty. Each value is put on one line (runs of whitespace and control characters become one space,
 * so a multi-line script block cannot break a row) and cut to {@value #MAX_VALUE} characters.
 */
final class EventSummary {
    static final int MAX_VALUE = 200;

    private static final List<String> FIELDS = List.of(
            "CommandLine",
            "Image",
            "ParentImage",
            "TargetUserName",
            "SubjectUserName",
            "LogonType",
            "IpAddress",
            "WorkstationName",
            "ServiceName",
            "ImagePath",
            "TargetFilename",
            "TargetObject",
            "Details",
            "QueryName",
            "DestinationIp",
            "DestinationPort",
            "SourceImage",
            "TargetImage",
            "GrantedAccess",
            "PipeName",
            "ImageLoaded",
            "ScriptBlockText");

    private EventSummary() {}

    static String of(Event event) {
        StringJoiner summary = new StringJoiner("; ");
        for (String field : FIELDS) {
            String value = CellText.oneLine(FieldText.of(event.get(field)));
            if (!value.isEmpty()) {
                summary.add(field + "=" + CellText.truncate(value, MAX_VALUE));
            }
        }
        return summary.toString();
    }
}
