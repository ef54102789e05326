package io.vigil.conformance;

import io.vigil.core.diag.Severity;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.RuleSource;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.ast.SigmaDocument;
import io.vigil.sigma.ast.SigmaRule;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.sigma.parse.RuleParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written rules for {@link SigmaDifferentialTest} that use what the SigmaHQ rules hardly use
 * (cased, neq, exists, lt/gt, time parts, utf16, escapes, ?, null, keywords, x of), so that every
 * modifier is compared even though the corpus does not exercise it.
 */
final class SigmaDifferentialSynthetic {
    private static final String[] DETECTIONS = {
        """
        sel:
          CommandLine|cased|contains: 'MiXeD'
          Image|endswith|cased: '\\Tool.EXE'
        condition: sel
        """, """
        sel:
          CommandLine|contains|windash: ' -a -b /c --d'
        filter:
          User|neq: 'SYSTEM'
        condition: sel and not filter
        """, """
        sel:
          CommandLine|endswith|windash:
            - '-x'
            - '/y z'
          ParentImage|exists: true
          Company|exists: false
        condition: sel
        """, """
        sel:
          ProcessId|gt: 100
          ParentProcessId|lte: 0x20
        condition: sel
        """, """
        sel:
          UtcTime|hour: 14
          TerminalSessionId|lt: 2
        sel2:
          UtcTime|minute|gte: 30
        condition: sel or sel2
        """, """
        sel:
          CommandLine|wide|base64offset|contains: 'Invoke-'
        sel2:
          CommandLine|base64: 'cmd /c'
        sel3:
          CommandLine|utf16be|base64offset|contains: 'ab'
        sel4:
          CommandLine|utf16|base64|contains: 'x'
        condition: 1 of sel*
        """, """
        sel:
          CommandLine|re: '(?i)^c:\\\\windows\\\\.*\\.exe$'
          Image|re|i: 'tool[0-9]+'
        sel2:
          Description|re|m|s: '^a.b$'
        condition: sel or sel2
        """, """
        sel:
          DestinationIp|cidr:
            - '10.0.0.0/8'
            - '192.168.1.0/30'
            - 'fe80::/10'
            - '::1/128'
        condition: sel
        """, """
        sel:
          Description: null
          Product: ''
          Company:
            - null
            - 'ACME'
        condition: sel
        """, """
        sel:
          CommandLine:
            - 'C:\\a\\*.exe'
            - 'x\\*y'
            - 'q\\?r'
            - 'end\\'
            - 'two\\\\back'
            - 'a?c'
            - '*\\?'
        condition: sel
        """, """
        keywords:
          - 'mimikatz'
          - 'sekurlsa::*'
          - 'x?y'
        condition: keywords
        """, """
        keywords:
          '|all':
            - 'alpha'
            - 'beta'
        sel:
          '|startswith': 'gamma'
        condition: keywords or sel
        """, """
        a1:
          Image|endswith: '\\a.exe'
        a2:
          CommandLine|contains: 'aa'
        a3:
          User|startswith: 'NT'
        _hidden:
          Company: 'x'
        condition: 2 of a* and not 1 of _* or all of them
        """, """
        sel:
          IntegrityLevel:
            - 4096
            - 'High'
          Hashes|contains|all:
            - 'MD5='
            - 'SHA256='
          Initiated: true
        condition: sel
        """, """
        sel:
          ParentImage|fieldref|startswith: CurrentDirectory
          Image|fieldref|endswith: OriginalFileName
        sel2:
          CommandLine|fieldref|startswith|endswith: Image
        condition: sel or sel2
        """, """
        sel:
          CommandLine|contains|all|windash:
            - '-enc'
            - '/nop'
          Image|startswith|windash: '-run'
        condition: sel
        """, """
        sel:
          - Image|endswith: '\\x.exe'
            CommandLine|contains: 'x'
          - Image|endswith: '\\y.exe'
          - User|neq:
              - 'a'
              - 'b'
        condition: not sel
        """, """
        sel:
          CommandLine|contains: ''
          Image|startswith: ''
          User|neq: null
          Description|endswith: 'ÄÖ-é'
        condition: sel
        """, """
        keywords:
          - 1
          - 'true'
          - 4624
        sel:
          Initiated: 'true'
          ProcessId: 4.5
        condition: keywords and not sel or sel and not keywords
        """, """
        selection_a:
          CommandLine|contains: 'a'
        selection_b:
          CommandLine|contains: 'b'
        filter:
          Image|endswith: '.exe'
        condition: all of selection_* and not filter or 1 of them and not selection_a
        """,
    };

    private SigmaDifferentialSynthetic() {}

    static List<SigmaDifferentialRules.Pair> rules() {
        List<SigmaDifferentialRules.Pair> out = new ArrayList<>();
        for (int i = 0; i < DETECTIONS.length; i++) {
            String path = "synthetic-" + i + ".yml";
            String text = "title: synthetic " + i + "\nid: synthetic-" + i + "\nlevel: high\n"
                    + "logsource:\n  product: windows\n  category: process_creation\n"
                    + "detection:\n" + DETECTIONS[i].indent(2);
            LoadResult r = SigmaRules.load(
                    List.of(new RuleSource(path, text)), Placeholders.NONE, SigmaDifferentialRules.WINDOWS);
            if (r.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
                throw new IllegalStateException(path + " does not load: " + r.diagnostics());
            }
            List<SigmaDocument> docs = RuleParser.parse(path, text, d -> {});
            SigmaRule parsed = (SigmaRule) docs.get(0);
            out.add(new SigmaDifferentialRules.Pair(
                    path,
                    parsed,
                    r.rules(),
                    r.rules().rules().get(0),
                    new ReferenceEvaluator(parsed, SigmaDifferentialRules.WINDOWS)));
        }
        return out;
    }
}
