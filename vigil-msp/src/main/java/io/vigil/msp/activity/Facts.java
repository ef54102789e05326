package io.vigil.msp.activity;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the MSP detectors keep from the events of one hunt, and nothing more: compact facts that
 * hold an event reference only where the fact can become a detection. {@link #sort()} puts every list in
 * {@link Fact#ORDER} before the detectors run.
 */
public final class Facts {
    public final List<Access> accesses = new ArrayList<>();
    public final List<Logoff> logoffs = new ArrayList<>();
    public final List<PrivilegedChange> changes = new ArrayList<>();
    public final List<LogClear> clears = new ArrayList<>();
    public final List<RemoteExec> remoteExecs = new ArrayList<>();
    public final List<Flow> flows = new ArrayList<>();
    public final List<Intrusion> intrusions = new ArrayList<>();
    public final ArtifactIndex artifacts = new ArtifactIndex();
    public final RecordStreams records = new RecordStreams();
    public final HostHours hours = new HostHours();
    public final HostAddresses addresses = new HostAddresses();

    public void sort() {
        accesses.sort(Fact.ORDER);
        logoffs.sort(Fact.ORDER);
        changes.sort(Fact.ORDER);
        clears.sort(Fact.ORDER);
        remoteExecs.sort(Fact.ORDER);
        flows.sort(Fact.ORDER);
        intrusions.sort(Fact.ORDER);
    }

    /** Facts held now (runs, host-hours and artefact entries count as one each). */
    public long size() {
        return accesses.size()
                + logoffs.size()
                + changes.size()
                + clears.size()
                + remoteExecs.size()
                + flows.size()
                + intrusions.size()
                + artifacts.entries()
                + records.runs()
                + hours.size()
                + addresses.size();
    }
}
