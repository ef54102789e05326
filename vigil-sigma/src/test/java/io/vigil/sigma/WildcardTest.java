package io.vigil.sigma;

import static io.vigil.sigma.SigmaFixture.compile;
import static io.vigil.sigma.SigmaFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.compile.CompiledRule;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WildcardTest {

    private static CompiledRule value(String yamlValue) {
        return compile("sel:\n  Value: " + yamlValue + "\ncondition: sel\n");
    }

    @Nested
    class Wildcards {
        @Test
        void starInTheMiddle() {
            // '\\*' is a backslash followed by a wildcard ('\*' alone would be a literal star).
            CompiledRule r = value("'C:\\Windows\\\\*\\cmd.exe'");
            assertThat(r.matches(event("Value", "C:\\Windows\\System32\\cmd.exe")))
                    .isTrue();
            assertThat(r.matches(event("Value", "c:\\windows\\a\\b\\CMD.EXE"))).isTrue();
            assertThat(r.matches(event("Value", "C:\\Windows\\cmd.exe"))).isFalse();
            assertThat(r.matches(event("Value", "C:\\Windows\\System32\\cmd.exe2")))
                    .isFalse();
            assertThat(r.matches(event("Value", "D:\\C:\\Windows\\x\\cmd.exe"))).isFalse();
        }

        @Test
        void starInTheMiddleWithoutLetters() {
            CompiledRule r = value("'cmd*.exe'");
            assertThat(r.matches(event("Value", "cmd.exe"))).isTrue();
            assertThat(r.matches(event("Value", "CMD64.EXE"))).isTrue();
            assertThat(r.matches(event("Value", "cmd.exe.txt"))).isFalse();
            assertThat(r.matches(event("Value", "xcmd.exe"))).isFalse();
        }

        @Test
        void questionMarkIsExactlyOneCharacter() {
            CompiledRule r = value("'prog?.exe'");
            assertThat(r.matches(event("Value", "prog1.exe"))).isTrue();
            assertThat(r.matches(event("Value", "PROGa.EXE"))).isTrue();
            assertThat(r.matches(event("Value", "prog.exe"))).isFalse();
            assertThat(r.matches(event("Value", "prog12.exe"))).isFalse();
        }

        @Test
        void severalStarsBacktrack() {
            CompiledRule r = value("'*a*b*a'");
            assertThat(r.matches(event("Value", "xxaxxbxxbxxa"))).isTrue();
            assertThat(r.matches(event("Value", "aba"))).isTrue();
            assertThat(r.matches(event("Value", "abab"))).isFalse();
            assertThat(r.matches(event("Value", "ba"))).isFalse();
        }

        @Test
        void numberWithWildcardIsAString() {
            CompiledRule r = value("'46*'");
            assertThat(r.matches(event("Value", 4624L))).isTrue();
            assertThat(r.matches(event("Value", "4688"))).isTrue();
            assertThat(r.matches(event("Value", 5461L))).isFalse();
        }
    }

    @Nested
    class Escaping {
        @Test
        void escapedStarIsLiteral() {
            CompiledRule r = value("'star\\*'");
            assertThat(r.matches(event("Value", "star*"))).isTrue();
            assertThat(r.matches(event("Value", "starX"))).isFalse();
            assertThat(r.matches(event("Value", "star"))).isFalse();
            assertThat(r.matches(event("Value", "star\\*"))).isFalse();
        }

        @Test
        void escapedQuestionMarkIsLiteral() {
            CompiledRule r = value("'what\\?'");
            assertThat(r.matches(event("Value", "what?"))).isTrue();
            assertThat(r.matches(event("Value", "whatX"))).isFalse();
        }

        @Test
        void escapedStarInsideContains() {
            CompiledRule r = compile("""
                    sel:
                      Value|contains: 'SELECT \\* FROM'
                    condition: sel
                    """);
            assertThat(r.matches(event("Value", "wmic: select * from Win32_Process")))
                    .isTrue();
            assertThat(r.matches(event("Value", "select name from Win32_Process")))
                    .isFalse();
        }

        @Test
        void doubleBackslashBeforeStarIsBackslashThenWildcard() {
            CompiledRule r = value("'C:\\\\*'");
            assertThat(r.matches(event("Value", "C:\\Users\\x"))).isTrue();
            assertThat(r.matches(event("Value", "C:\\"))).isTrue();
            assertThat(r.matches(event("Value", "C:x"))).isFalse();
            assertThat(r.matches(event("Value", "C:\\\\*"))).isTrue();
        }

        @Test
        void tripleBackslashBeforeStarIsBackslashThenLiteralStar() {
            CompiledRule r = value("'C:\\\\\\*'");
            assertThat(r.matches(event("Value", "C:\\*"))).isTrue();
            assertThat(r.matches(event("Value", "C:\\x"))).isFalse();
            assertThat(r.matches(event("Value", "C:\\"))).isFalse();
        }

        @Test
        void plainWindowsPathBackslashesStayLiteral() {
            CompiledRule r = value("'C:\\Windows\\System32\\'");
            assertThat(r.matches(event("Value", "c:\\windows\\system32\\"))).isTrue();
            assertThat(r.matches(event("Value", "C:\\Windows\\System32"))).isFalse();
            assertThat(r.matches(event("Value", "C:\\Windows\\System32\\cmd.exe")))
                    .isFalse();
        }

        @Test
        void backslashBeforeOrdinaryCharactersIsKept() {
            CompiledRule r = compile("""
                    sel:
                      Value|startswith: 'C:\\Users\\Public\\'
                    condition: sel
                    """);
            assertThat(r.matches(event("Value", "C:\\Users\\Public\\evil.exe"))).isTrue();
            assertThat(r.matches(event("Value", "C:UsersPublicevil.exe"))).isFalse();
        }

        @Test
        void trailingBackslashStarEscapesTheStar() {
            // As the specification says, '\*' is a literal star even at the end of a path.
            CompiledRule r = value("'C:\\Temp\\*'");
            assertThat(r.matches(event("Value", "C:\\Temp*"))).isTrue();
            assertThat(r.matches(event("Value", "C:\\Temp\\a.exe"))).isFalse();
        }

        @Test
        void twoBackslashesAreOne() {
            CompiledRule r = value("'\\\\server\\share'");
            assertThat(r.matches(event("Value", "\\server\\share"))).isTrue();
            assertThat(r.matches(event("Value", "\\\\server\\share"))).isFalse();
        }

        @Test
        void fourBackslashesAreTwo() {
            CompiledRule r = value("'\\\\\\\\server\\share'");
            assertThat(r.matches(event("Value", "\\\\server\\share"))).isTrue();
            assertThat(r.matches(event("Value", "\\server\\share"))).isFalse();
        }
    }

    @Nested
    class Values {
        @Test
        void caseInsensitiveByDefault() {
            CompiledRule r = value("'C:\\Windows\\System32\\WhoAmI.exe'");
            assertThat(r.matches(event("Value", "c:\\WINDOWS\\system32\\whoami.EXE")))
                    .isTrue();
            assertThat(r.matches(event("Value", "c:\\WINDOWS\\system32\\whoami.EXE ")))
                    .isFalse();
        }

        @Test
        void emptyString() {
            CompiledRule r = value("''");
            assertThat(r.matches(event("Value", ""))).isTrue();
            assertThat(r.matches(event("Value", null))).isTrue();
            assertThat(r.matches(event("Value", " "))).isFalse();
            assertThat(r.matches(event("Value", "x"))).isFalse();
            assertThat(r.matches(event("Other", ""))).isFalse();
        }

        @Test
        void nullMatchesAbsentJsonNullAndEmpty() {
            CompiledRule r = value("null");
            assertThat(r.matches(event("Other", "x"))).isTrue();
            assertThat(r.matches(event("Value", null))).isTrue();
            assertThat(r.matches(event("Value", ""))).isTrue();
            assertThat(r.matches(event("Value", "x"))).isFalse();
            assertThat(r.matches(event("Value", 0L))).isFalse();
        }

        @Test
        void nullInAListWithOtherValues() {
            CompiledRule r = compile("""
                    sel:
                      Value:
                        - null
                        - 'none'
                    condition: sel
                    """);
            assertThat(r.matches(event("Other", "x"))).isTrue();
            assertThat(r.matches(event("Value", "NONE"))).isTrue();
            assertThat(r.matches(event("Value", "some"))).isFalse();
        }

        @Test
        void numericRuleValueEqualsLongAndString() {
            CompiledRule r = compile("""
                    sel:
                      EventID: 4624
                    condition: sel
                    """);
            assertThat(r.matches(event("EventID", 4624L))).isTrue();
            assertThat(r.matches(event("EventID", "4624"))).isTrue();
            assertThat(r.matches(event("EventID", 4624.0))).isTrue();
            assertThat(r.matches(event("EventID", 46240L))).isFalse();
            assertThat(r.matches(event("EventID", "4624x"))).isFalse();
            assertThat(r.matches(event("EventID", 4625L))).isFalse();
        }

        @Test
        void booleanRuleValue() {
            CompiledRule r = compile("""
                    sel:
                      Initiated: true
                    condition: sel
                    """);
            assertThat(r.matches(event("Initiated", true))).isTrue();
            assertThat(r.matches(event("Initiated", "true"))).isTrue();
            assertThat(r.matches(event("Initiated", false))).isFalse();
        }

        @Test
        void listIsOr() {
            CompiledRule r = compile("""
                    sel:
                      Image|endswith:
                        - '\\psexec.exe'
                        - '\\paexec.exe'
                    condition: sel
                    """);
            assertThat(r.matches(event("Image", "C:\\t\\PsExec.exe"))).isTrue();
            assertThat(r.matches(event("Image", "C:\\t\\paexec.exe"))).isTrue();
            assertThat(r.matches(event("Image", "C:\\t\\csexec.exe"))).isFalse();
        }

        @Test
        void mapIsAnd() {
            CompiledRule r = compile("""
                    sel:
                      Image|endswith: '\\net.exe'
                      CommandLine|contains: ' user '
                    condition: sel
                    """);
            assertThat(r.matches(event("Image", "C:\\net.exe", "CommandLine", "net user x /add")))
                    .isTrue();
            assertThat(r.matches(event("Image", "C:\\net.exe", "CommandLine", "net view")))
                    .isFalse();
            assertThat(r.matches(event("Image", "C:\\x.exe", "CommandLine", "net user x /add")))
                    .isFalse();
            assertThat(r.matches(event("CommandLine", "net user x /add"))).isFalse();
        }

        @Test
        void listOfMapsIsOr() {
            CompiledRule r = compile("""
                    sel:
                      - Image|endswith: '\\net.exe'
                        CommandLine|contains: ' user '
                      - OriginalFileName: 'net1.exe'
                    condition: sel
                    """);
            assertThat(r.matches(event("Image", "C:\\net.exe", "CommandLine", "net user x")))
                    .isTrue();
            assertThat(r.matches(event("OriginalFileName", "NET1.EXE"))).isTrue();
            assertThat(r.matches(event("Image", "C:\\net.exe", "CommandLine", "net view")))
                    .isFalse();
            assertThat(r.matches(event("CommandLine", "net user x"))).isFalse();
        }

        @Test
        void fieldNamesWithSpacesAndDots() {
            CompiledRule r = compile("""
                    sel:
                      Threat Name|contains: 'Mimikatz'
                      winlog.event_data.Image|endswith: '\\lsass.exe'
                    condition: sel
                    """);
            assertThat(r.matches(event(
                            "Threat Name", "HackTool:Win32/Mimikatz.D",
                            "winlog.event_data.Image", "C:\\Windows\\System32\\lsass.exe")))
                    .isTrue();
            assertThat(r.matches(event(
                            "ThreatName", "HackTool:Win32/Mimikatz.D",
                            "winlog.event_data.Image", "C:\\Windows\\System32\\lsass.exe")))
                    .isFalse();
            assertThat(r.matches(event("Threat Name", "HackTool:Win32/Mimikatz.D", "Image", "C:\\lsass.exe")))
                    .isFalse();
        }

        @Test
        void arrayFieldMatchesWhenAnyElementMatches() {
            CompiledRule r = compile("""
                    sel:
                      Hashes|contains: 'MD5=ABC'
                    condition: sel
                    """);
            assertThat(r.matches(event("Hashes", List.of("SHA1=1", "MD5=abc123"))))
                    .isTrue();
            assertThat(r.matches(event("Hashes", List.of("SHA1=1", "SHA256=2"))))
                    .isFalse();
            assertThat(r.matches(event("Hashes", List.of()))).isFalse();
        }
    }

    @Nested
    class Keywords {
        @Test
        void plainListIsSubstringOfAnyFieldValue() {
            CompiledRule r = compile("""
                    keywords:
                      - 'mimikatz'
                      - 'sekurlsa::'
                    condition: keywords
                    """);
            assertThat(r.matches(event("A", "x", "B", "run MIMIKATZ.exe"))).isTrue();
            assertThat(r.matches(event("Script", "Invoke sekurlsa::logonpasswords")))
                    .isTrue();
            assertThat(r.matches(event("A", "mimi katz", "B", "sekurlsa:"))).isFalse();
        }

        @Test
        void keywordMatchesNumbersListsAndNotNames() {
            CompiledRule r = compile("""
                    keywords:
                      - '462'
                      - 'evil'
                    condition: keywords
                    """);
            assertThat(r.matches(event("EventID", 4624L))).isTrue();
            assertThat(r.matches(event("Tags", List.of("good", "Evil-Corp")))).isTrue();
            assertThat(r.matches(event("evil", "x", "EventID", 4688L))).isFalse();
            assertThat(r.matches(event("Value", null, "Other", List.of("x")))).isFalse();
        }

        @Test
        void numericKeyword() {
            CompiledRule r = compile("""
                    keywords:
                      - 4625
                    condition: keywords
                    """);
            assertThat(r.matches(event("EventID", 4625L))).isTrue();
            assertThat(r.matches(event("Message", "Event 4625 seen"))).isTrue();
            assertThat(r.matches(event("EventID", 4624L))).isFalse();
        }

        @Test
        void keywordWithWildcardsAndEscapes() {
            CompiledRule r = compile("""
                    keywords:
                      - 'Invoke-*Mimikatz'
                      - 'rate 100\\%'
                      - 'sel\\*'
                    condition: keywords
                    """);
            assertThat(r.matches(event("Msg", "x Invoke-SharpMimikatz y"))).isTrue();
            assertThat(r.matches(event("Msg", "at rate 100\\% now"))).isTrue();
            assertThat(r.matches(event("Msg", "sel* from"))).isTrue();
            assertThat(r.matches(event("Msg", "select from"))).isFalse();
            assertThat(r.matches(event("Msg", "Mimikatz Invoke-"))).isFalse();
        }

        @Test
        void singleScalarKeyword() {
            CompiledRule r = compile("""
                    keywords: 'psexesvc'
                    condition: keywords
                    """);
            assertThat(r.matches(event("ServiceName", "PSEXESVC"))).isTrue();
            assertThat(r.matches(event("ServiceName", "psexec"))).isFalse();
        }

        @Test
        void keywordWithEncodingButNoPositionIsStillASubstringSearch() {
            CompiledRule offset = compile("""
                    keywords:
                      '|base64offset': 'DownloadString'
                    condition: keywords
                    """);
            CompiledRule plain = compile("""
                    keywords:
                      '|base64': 'whoami'
                    condition: keywords
                    """);
            String blob = java.util.Base64.getEncoder()
                    .encodeToString("a.DownloadString(y)".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(offset.matches(event("ScriptBlockText", "-e " + blob))).isTrue();
            assertThat(offset.matches(event("ScriptBlockText", "DownloadString")))
                    .isFalse();
            assertThat(plain.matches(event("Payload", "run d2hvYW1p now"))).isTrue();
            assertThat(plain.matches(event("Payload", "run whoami now"))).isFalse();
        }

        @Test
        void keywordWithWide() {
            CompiledRule r = compile("""
                    keywords:
                      '|wide': 'cmd'
                    condition: keywords
                    """);
            assertThat(r.matches(event("Blob", "xxc\u0000m\u0000d\u0000yy"))).isTrue();
            assertThat(r.matches(event("Blob", "cmd"))).isFalse();
        }

        @Test
        void keywordWithEncodingModifier() {
            CompiledRule r = compile("""
                    keywords:
                      '|base64offset|contains': 'DownloadString'
                    condition: keywords
                    """);
            String blob = java.util.Base64.getEncoder()
                    .encodeToString("x.DownloadString(y)".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.matches(event("ScriptBlockText", "-e " + blob))).isTrue();
            assertThat(r.matches(event("ScriptBlockText", "DownloadString"))).isFalse();
        }
    }
}
