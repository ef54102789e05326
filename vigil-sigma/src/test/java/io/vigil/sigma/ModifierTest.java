package io.vigil.sigma;

import static io.vigil.sigma.SigmaFixture.compile;
import static io.vigil.sigma.SigmaFixture.errors;
import static io.vigil.sigma.SigmaFixture.event;
import static io.vigil.sigma.SigmaFixture.load;
import static io.vigil.sigma.SigmaFixture.rejection;
import static io.vigil.sigma.SigmaFixture.src;
import static io.vigil.sigma.SigmaFixture.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.Placeholders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModifierTest {

    @Nested
    class Position {
        @Test
        void containsIsCaseInsensitiveSubstring() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|contains: 'mimikatz'
                    condition: sel
                    """);
            assertThat(r.matches(event("CommandLine", "C:\\t\\MimiKatz.exe privilege::debug")))
                    .isTrue();
            assertThat(r.matches(event("CommandLine", "mimikat z"))).isFalse();
            assertThat(r.matches(event("Other", "mimikatz"))).isFalse();
        }

        @Test
        void startswith() {
            CompiledRule r = compile("""
                    sel:
                      Image|startswith: 'C:\\Windows\\'
                    condition: sel
                    """);
            assertThat(r.matches(event("Image", "c:\\windows\\system32\\cmd.exe")))
                    .isTrue();
            assertThat(r.matches(event("Image", "D:\\C:\\Windows\\cmd.exe"))).isFalse();
            assertThat(r.matches(event("Image", "C:\\Windows"))).isFalse();
        }

        @Test
        void endswith() {
            CompiledRule r = compile("""
                    sel:
                      Image|endswith: '\\cmd.exe'
                    condition: sel
                    """);
            assertThat(r.matches(event("Image", "C:\\Windows\\System32\\CMD.EXE")))
                    .isTrue();
            assertThat(r.matches(event("Image", "C:\\cmd.exe.bak"))).isFalse();
            assertThat(r.matches(event("Image", "C:\\xcmd.exe"))).isFalse();
        }

        @Test
        void containsAllNeedsEveryValue() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|contains|all:
                        - ' -nop '
                        - ' -enc '
                    condition: sel
                    """);
            assertThat(r.matches(event("CommandLine", "powershell -NoP -w hidden -nop -enc AAAA")))
                    .isTrue();
            assertThat(r.matches(event("CommandLine", "powershell -nop -w hidden")))
                    .isFalse();
            assertThat(r.matches(event("CommandLine", "powershell -enc AAAA"))).isFalse();
        }

        @Test
        void withoutAllAListIsOr() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|contains:
                        - ' -nop '
                        - ' -enc '
                    condition: sel
                    """);
            assertThat(r.matches(event("CommandLine", "powershell -enc AAAA"))).isTrue();
            assertThat(r.matches(event("CommandLine", "powershell -w hidden"))).isFalse();
        }

        @Test
        void allOnKeywordsNeedsEveryKeywordSomewhereInTheEvent() {
            CompiledRule r = compile("""
                    keywords:
                      '|all':
                        - 'evil'
                        - 'payload'
                    condition: keywords
                    """);
            assertThat(r.matches(event("A", "an EVIL thing", "B", "the payload.bin")))
                    .isTrue();
            assertThat(r.matches(event("A", "evilpayload"))).isTrue();
            assertThat(r.matches(event("A", "an evil thing", "B", "harmless"))).isFalse();
        }
    }

    @Nested
    class ExistsCasedNeq {
        @Test
        void existsTrue() {
            CompiledRule r = compile("""
                    sel:
                      Signature|exists: true
                    condition: sel
                    """);
            assertThat(r.matches(event("Signature", "Microsoft"))).isTrue();
            assertThat(r.matches(event("Signature", ""))).isTrue();
            assertThat(r.matches(event("Signature", null))).isTrue();
            assertThat(r.matches(event("Other", "x"))).isFalse();
        }

        @Test
        void existsFalse() {
            CompiledRule r = compile("""
                    sel:
                      Signature|exists: false
                    condition: sel
                    """);
            assertThat(r.matches(event("Other", "x"))).isTrue();
            assertThat(r.matches(event("Signature", null))).isFalse();
            assertThat(r.matches(event("Signature", "Microsoft"))).isFalse();
        }

        @Test
        void existsRejectsNonBoolean() {
            Diagnostic d = rejection("""
                    sel:
                      Signature|exists: maybe
                    condition: sel
                    """);
            assertThat(d.code()).isEqualTo("invalid-exists");
        }

        @Test
        void casedIsCaseSensitive() {
            CompiledRule r = compile("""
                    sel:
                      Image|endswith|cased: '\\PsExec.exe'
                    condition: sel
                    """);
            assertThat(r.matches(event("Image", "C:\\tools\\PsExec.exe"))).isTrue();
            assertThat(r.matches(event("Image", "C:\\tools\\psexec.exe"))).isFalse();
            assertThat(r.matches(event("Image", "C:\\tools\\PSEXEC.EXE"))).isFalse();
        }

        @Test
        void casedPlainValue() {
            CompiledRule r = compile("""
                    sel:
                      User|cased: 'Admin'
                    condition: sel
                    """);
            assertThat(r.matches(event("User", "Admin"))).isTrue();
            assertThat(r.matches(event("User", "admin"))).isFalse();
        }

        @Test
        void neqMatchesOtherValuesAndMissingField() {
            CompiledRule r = compile("""
                    sel:
                      User|neq: 'SYSTEM'
                    condition: sel
                    """);
            assertThat(r.matches(event("User", "alice"))).isTrue();
            assertThat(r.matches(event("User", "system"))).isFalse();
            assertThat(r.matches(event("User", "SYSTEM"))).isFalse();
            assertThat(r.matches(event("Other", "SYSTEM"))).isTrue();
        }

        @Test
        void neqOverAListMeansNoneOfTheValues() {
            CompiledRule r = compile("""
                    sel:
                      User|neq:
                        - 'SYSTEM'
                        - 'LOCAL SERVICE'
                    condition: sel
                    """);
            assertThat(r.matches(event("User", "SYSTEM"))).isFalse();
            assertThat(r.matches(event("User", "local service"))).isFalse();
            assertThat(r.matches(event("User", "alice"))).isTrue();
        }

        @Test
        void neqWithNumber() {
            CompiledRule r = compile("""
                    sel:
                      EventID|neq: 4624
                    condition: sel
                    """);
            assertThat(r.matches(event("EventID", 4625L))).isTrue();
            assertThat(r.matches(event("EventID", 4624L))).isFalse();
            assertThat(r.matches(event("EventID", "4624"))).isFalse();
        }

        @Test
        void neqCombinedWithOtherSelectionFields() {
            CompiledRule r = compile("""
                    sel:
                      Image|endswith: '\\svchost.exe'
                      ParentImage|neq: 'C:\\Windows\\System32\\services.exe'
                    condition: sel
                    """);
            assertThat(r.matches(event(
                            "Image", "C:\\Windows\\System32\\svchost.exe",
                            "ParentImage", "C:\\Users\\x\\evil.exe")))
                    .isTrue();
            assertThat(r.matches(event(
                            "Image", "C:\\Windows\\System32\\svchost.exe",
                            "ParentImage", "C:\\Windows\\System32\\services.exe")))
                    .isFalse();
        }
    }

    @Nested
    class Windash {
        private final CompiledRule rule = compile("""
                sel:
                  CommandLine|windash|contains: ' -exec bypass'
                condition: sel
                """);

        @ParameterizedTest
        @ValueSource(strings = {"-", "/", "\u2013", "\u2014", "\u2015"})
        void everyDashCharacterMatches(String dash) {
            assertThat(rule.matches(event("CommandLine", "powershell.exe " + dash + "exec bypass -f x.ps1")))
                    .isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"+", "\u2212", "\u2012", "", "--"})
        void otherCharactersDoNotMatch(String dash) {
            assertThat(rule.matches(event("CommandLine", "powershell.exe " + dash + "exec bypass")))
                    .isFalse();
        }

        @Test
        void slashInTheRuleAlsoExpands() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|windash|endswith: ' /c whoami'
                    condition: sel
                    """);
            assertThat(r.matches(event("CommandLine", "cmd.exe -c whoami"))).isTrue();
            assertThat(r.matches(event("CommandLine", "cmd.exe \u2014c whoami")))
                    .isTrue();
            assertThat(r.matches(event("CommandLine", "cmd.exe /c whoami"))).isTrue();
            assertThat(r.matches(event("CommandLine", "cmd.exe \\c whoami"))).isFalse();
        }

        @Test
        void dashInsideAWordIsNotReplaced() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|windash|contains: 'Invoke-Expression'
                    condition: sel
                    """);
            assertThat(r.matches(event("CommandLine", "iex; Invoke-Expression $x")))
                    .isTrue();
            assertThat(r.matches(event("CommandLine", "iex; Invoke/Expression $x")))
                    .isFalse();
            assertThat(r.matches(event("CommandLine", "iex; Invoke\u2013Expression $x")))
                    .isFalse();
        }

        @Test
        void dashBetweenLettersLikeABIsLiteral() {
            CompiledRule r = compile("""
                    sel:
                      Value|windash: 'a-b'
                    condition: sel
                    """);
            assertThat(r.matches(event("Value", "a-b"))).isTrue();
            assertThat(r.matches(event("Value", "a/b"))).isFalse();
        }

        @Test
        void windashWithoutPositionIsAnExactMatch() {
            CompiledRule r = compile("""
                    sel:
                      Value|windash: '-k'
                    condition: sel
                    """);
            assertThat(r.matches(event("Value", "/k"))).isTrue();
            assertThat(r.matches(event("Value", "\u2015K"))).isTrue();
            assertThat(r.matches(event("Value", "x /k"))).isFalse();
        }
    }

    @Nested
    class Regex {
        @Test
        void caseSensitiveSubstringSearchByDefault() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|re: 'Mimi[a-z]+'
                    condition: sel
                    """);
            assertThat(r.matches(event("CommandLine", "run Mimikatz now"))).isTrue();
            assertThat(r.matches(event("CommandLine", "run mimikatz now"))).isFalse();
            assertThat(r.matches(event("CommandLine", "run Mimi"))).isFalse();
        }

        @Test
        void anchorsAreHonoured() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|re: '^cmd'
                    condition: sel
                    """);
            assertThat(r.matches(event("CommandLine", "cmd /c x"))).isTrue();
            assertThat(r.matches(event("CommandLine", "xcmd /c x"))).isFalse();
        }

        @Test
        void regexOnNumbers() {
            CompiledRule r = compile("""
                    sel:
                      EventID|re: '^46[0-9]{2}$'
                    condition: sel
                    """);
            assertThat(r.matches(event("EventID", 4624L))).isTrue();
            assertThat(r.matches(event("EventID", 14624L))).isFalse();
        }

        @Test
        void flagI() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|re|i: 'mimi[a-z]+'
                    condition: sel
                    """);
            assertThat(r.matches(event("CommandLine", "MIMIKATZ"))).isTrue();
            assertThat(r.matches(event("CommandLine", "MIMI"))).isFalse();
        }

        @Test
        void flagM() {
            String text = "first\nevil\nlast";
            CompiledRule multi = compile("""
                    sel:
                      Script|re|m: '^evil$'
                    condition: sel
                    """);
            CompiledRule single = compile("""
                    sel:
                      Script|re: '^evil$'
                    condition: sel
                    """);
            assertThat(multi.matches(event("Script", text))).isTrue();
            assertThat(single.matches(event("Script", text))).isFalse();
            assertThat(single.matches(event("Script", "evil"))).isTrue();
        }

        @Test
        void flagS() {
            CompiledRule dotall = compile("""
                    sel:
                      Script|re|s: 'begin.+end'
                    condition: sel
                    """);
            CompiledRule plain = compile("""
                    sel:
                      Script|re: 'begin.+end'
                    condition: sel
                    """);
            assertThat(dotall.matches(event("Script", "begin\nmiddle\nend"))).isTrue();
            assertThat(plain.matches(event("Script", "begin\nmiddle\nend"))).isFalse();
            assertThat(plain.matches(event("Script", "begin middle end"))).isTrue();
        }

        @Test
        void flagWithoutReIsRejected() {
            assertThat(rejection("""
                                    sel:
                                      CommandLine|i: 'x'
                                    condition: sel
                                    """).code()).isEqualTo("invalid-modifier-chain");
        }

        @ParameterizedTest
        @ValueSource(strings = {"(a)\\1", "foo(?=x)", "(?<!a)b"})
        void re2UnsupportedRegexIsRejectedAtTheKeyWhileOtherRulesLoad(String regex) {
            String bad = """
                    title: bad regex
                    id: bad
                    logsource:
                      product: test
                    detection:
                      sel:
                        Image|endswith: '.exe'
                        CommandLine|re: '%s'
                      condition: sel
                    """.formatted(regex);
            String good = SigmaFixture.ruleYaml("good", """
                    sel:
                      CommandLine|re: '(a)b'
                    condition: sel
                    """);
            LoadResult r = load(src("bad.yml", bad), src("good.yml", good));
            assertThat(errors(r)).hasSize(1);
            Diagnostic d = errors(r).get(0);
            assertThat(d.code()).isEqualTo("unsupported-regex");
            assertThat(where(d)).isEqualTo("bad.yml:8:5");
            assertThat(d.subject()).isEqualTo("bad");
            assertThat(r.rules().rules()).extracting(c -> c.ref().id()).containsExactly("good");
            assertThat(r.summary().loaded()).isEqualTo(1);
            assertThat(r.summary().rejected()).isEqualTo(1);
            assertThat(r.summary().byReason()).isEqualTo(Map.of("unsupported-regex", 1));
        }
    }

    @Nested
    class Encodings {
        private static final String VALUE = "DownloadString";

        @Test
        void base64() {
            CompiledRule r = compile("""
                    sel:
                      Data|base64: 'whoami'
                    condition: sel
                    """);
            assertThat(r.matches(event("Data", "d2hvYW1p"))).isTrue();
            assertThat(r.matches(event("Data", "d2hvYW1pIC9hbGw="))).isFalse();
            assertThat(r.matches(event("Data", "whoami"))).isFalse();
        }

        @Test
        void base64Contains() {
            CompiledRule r = compile("""
                    sel:
                      Data|base64|contains: 'whoami'
                    condition: sel
                    """);
            assertThat(r.matches(event("Data", "xxd2hvYW1pyy"))).isTrue();
            assertThat(r.matches(event("Data", "d2hvYW1"))).isFalse();
        }

        /** Base64 text is case-sensitive: a case-folded blob encodes different bytes. */
        @Test
        void base64IsComparedCaseSensitively() {
            CompiledRule r = compile("""
                    sel:
                      Data|base64|contains: 'whoami'
                    condition: sel
                    """);
            assertThat(r.matches(event("Data", "xxd2hvYW1pyy"))).isTrue();
            assertThat(r.matches(event("Data", "xxD2HVYW1PYY"))).isFalse();
        }

        /** The three shifted encodings of "DownloadString", computed by hand from its base64 text. */
        @ParameterizedTest
        @ValueSource(strings = {"RG93bmxvYWRTdHJpbm", "Rvd25sb2FkU3RyaW5n", "Eb3dubG9hZFN0cmluZ"})
        void base64offsetProducesTheThreeShiftedEncodings(String encoded) {
            CompiledRule r = compile("""
                    sel:
                      Data|base64offset: 'DownloadString'
                    condition: sel
                    """);
            assertThat(r.matches(event("Data", encoded))).isTrue();
            assertThat(r.matches(event("Data", encoded.substring(1)))).isFalse();
            assertThat(r.matches(event("Data", encoded + "A"))).isFalse();
        }

        @Test
        void base64offsetDoesNotMatchTheFullPaddedEncoding() {
            CompiledRule r = compile("""
                    sel:
                      Data|base64offset: 'DownloadString'
                    condition: sel
                    """);
            // The last characters of the full encoding depend on what follows, so they are cut off.
            assertThat(r.matches(event("Data", "RG93bmxvYWRTdHJpbmc="))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3, 4, 5})
        void base64offsetContainsFindsTheValueAtEveryAlignment(int prefixLength) {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|base64offset|contains: 'DownloadString'
                    condition: sel
                    """);
            String script = "$c=New-Object Net.WebClient;".substring(0, prefixLength) + VALUE + "('http://x/a')";
            String blob = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
            assertThat(r.matches(event("CommandLine", "powershell.exe -EncodedCommand " + blob)))
                    .isTrue();
            String other = "$c=New-Object Net.WebClient;".substring(0, prefixLength) + "DownloadFile('x')";
            String otherBlob = Base64.getEncoder().encodeToString(other.getBytes(StandardCharsets.UTF_8));
            assertThat(r.matches(event("CommandLine", "powershell.exe -EncodedCommand " + otherBlob)))
                    .isFalse();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2})
        void wideBase64offsetContainsMatchesEncodedCommand(int prefixLength) {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|wide|base64offset|contains: 'DownloadString'
                    condition: sel
                    """);
            String script = "IEX (New-Object Net.WebClient).".substring(0, 28 + prefixLength) + VALUE + "('http://x')";
            String utf16 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
            String utf8 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
            assertThat(r.matches(event("CommandLine", "powershell -enc " + utf16)))
                    .isTrue();
            assertThat(r.matches(event("CommandLine", "powershell -enc " + utf8)))
                    .isFalse();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2})
        void utf16leBase64offsetContainsIsTheSameAsWide(int prefixLength) {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|utf16le|base64offset|contains: 'DownloadString'
                    condition: sel
                    """);
            String script = "xyz".substring(0, prefixLength) + VALUE;
            String utf16 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
            assertThat(r.matches(event("CommandLine", utf16))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2})
        void utf16beBase64offsetContains(int prefixLength) {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|utf16be|base64offset|contains: 'DownloadString'
                    condition: sel
                    """);
            String script = "xyz".substring(0, prefixLength) + VALUE + " tail";
            String be = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16BE));
            String utf8 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
            assertThat(r.matches(event("CommandLine", be))).isTrue();
            assertThat(r.matches(event("CommandLine", utf8))).isFalse();
        }

        @Test
        void utf16beDoesNotMatchLittleEndianAtTheStartOfTheText() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|utf16be|base64offset|contains: 'DownloadString'
                    condition: sel
                    """);
            // (With a character before the value, UTF-16LE bytes shifted by one ARE the UTF-16BE bytes,
            // so only a value at the very start tells the two byte orders apart.)
            String le = Base64.getEncoder().encodeToString((VALUE + " tail").getBytes(StandardCharsets.UTF_16LE));
            String be = Base64.getEncoder().encodeToString((VALUE + " tail").getBytes(StandardCharsets.UTF_16BE));
            assertThat(r.matches(event("CommandLine", le))).isFalse();
            assertThat(r.matches(event("CommandLine", be))).isTrue();
        }

        @Test
        void utf16EncodingsWithBase64() {
            // cmd: LE 63 00 6d 00 64 00; BE 00 63 00 6d 00 64; with BOM ff fe 63 00 6d 00 64 00.
            assertThat(single("utf16le|base64", "cmd", "YwBtAGQA", "AGMAbQBk")).isTrue();
            assertThat(single("wide|base64", "cmd", "YwBtAGQA", "//5jAG0AZAA=")).isTrue();
            assertThat(single("utf16be|base64", "cmd", "AGMAbQBk", "YwBtAGQA")).isTrue();
            assertThat(single("utf16|base64", "cmd", "//5jAG0AZAA=", "YwBtAGQA"))
                    .isTrue();
        }

        /** True when the rule matches {@code yes} and not {@code no}. */
        private boolean single(String modifiers, String value, String yes, String no) {
            CompiledRule r = compile("sel:\n  Data|" + modifiers + ": '" + value + "'\ncondition: sel\n");
            return r.matches(event("Data", yes)) && !r.matches(event("Data", no));
        }

        @Test
        void wideWithoutBase64MatchesTheRawUtf16Text() {
            CompiledRule r = compile("""
                    sel:
                      Data|wide|contains: 'cmd'
                    condition: sel
                    """);
            assertThat(r.matches(event("Data", "xx" + "c\u0000m\u0000d\u0000" + "yy")))
                    .isTrue();
            assertThat(r.matches(event("Data", "cmd"))).isFalse();
        }
    }

    @Nested
    class Numeric {
        @Test
        void gt() {
            CompiledRule r = compile("""
                    sel:
                      Count|gt: 10
                    condition: sel
                    """);
            assertThat(r.matches(event("Count", 11L))).isTrue();
            assertThat(r.matches(event("Count", 10L))).isFalse();
            assertThat(r.matches(event("Count", 10.5))).isTrue();
            assertThat(r.matches(event("Count", "11"))).isTrue();
            assertThat(r.matches(event("Count", " 12 "))).isTrue();
            assertThat(r.matches(event("Count", "10"))).isFalse();
            assertThat(r.matches(event("Count", "0xB"))).isTrue();
            assertThat(r.matches(event("Count", "0xA"))).isFalse();
            assertThat(r.matches(event("Count", "eleven"))).isFalse();
            assertThat(r.matches(event("Count", "11 files"))).isFalse();
            assertThat(r.matches(event("Count", "NaN"))).isFalse();
            assertThat(r.matches(event("Count", "Infinity"))).isFalse();
            assertThat(r.matches(event("Count", true))).isFalse();
            assertThat(r.matches(event("Count", null))).isFalse();
            assertThat(r.matches(event("Other", 100L))).isFalse();
        }

        @Test
        void gte() {
            CompiledRule r = compile("""
                    sel:
                      Count|gte: 10
                    condition: sel
                    """);
            assertThat(r.matches(event("Count", 10L))).isTrue();
            assertThat(r.matches(event("Count", "10"))).isTrue();
            assertThat(r.matches(event("Count", 9L))).isFalse();
        }

        @Test
        void lt() {
            CompiledRule r = compile("""
                    sel:
                      Count|lt: 10
                    condition: sel
                    """);
            assertThat(r.matches(event("Count", 9L))).isTrue();
            assertThat(r.matches(event("Count", "-3"))).isTrue();
            assertThat(r.matches(event("Count", 10L))).isFalse();
            assertThat(r.matches(event("Count", "x"))).isFalse();
        }

        @Test
        void lteWithHexBound() {
            CompiledRule r = compile("""
                    sel:
                      Count|lte: '0x10'
                    condition: sel
                    """);
            assertThat(r.matches(event("Count", 16L))).isTrue();
            assertThat(r.matches(event("Count", "0x10"))).isTrue();
            assertThat(r.matches(event("Count", "0x11"))).isFalse();
            assertThat(r.matches(event("Count", 17L))).isFalse();
        }

        @Test
        void nonNumericBoundIsRejected() {
            assertThat(rejection("""
                                    sel:
                                      Count|lt: ten
                                    condition: sel
                                    """).code()).isEqualTo("invalid-number");
        }

        @Test
        void twoComparisonsAreRejected() {
            assertThat(rejection("""
                                    sel:
                                      Count|lt|gt: 10
                                    condition: sel
                                    """).code()).isEqualTo("invalid-modifier-chain");
        }
    }

    @Nested
    class TimeParts {
        private static final String ISO = "2024-03-05T14:30:59Z";
        private static final String SYSMON = "2024-03-05 14:30:59.123";

        private CompiledRule part(String modifiers, String value) {
            return compile("sel:\n  UtcTime|" + modifiers + ": " + value + "\ncondition: sel\n");
        }

        @Test
        void eachPartOnIsoAndSysmonTimestamps() {
            String[][] cases = {
                {"minute", "30", "31"},
                {"hour", "14", "2"},
                {"day", "5", "3"},
                {"week", "10", "9"},
                {"month", "3", "12"},
                {"year", "2024", "2023"},
            };
            for (String[] c : cases) {
                CompiledRule yes = part(c[0], c[1]);
                CompiledRule no = part(c[0], c[2]);
                assertThat(yes.matches(event("UtcTime", ISO))).as(c[0]).isTrue();
                assertThat(yes.matches(event("UtcTime", SYSMON))).as(c[0]).isTrue();
                assertThat(no.matches(event("UtcTime", ISO))).as(c[0]).isFalse();
                assertThat(no.matches(event("UtcTime", SYSMON))).as(c[0]).isFalse();
            }
        }

        @Test
        void partIsReadInTheWrittenOffset() {
            CompiledRule r = part("hour", "23");
            assertThat(r.matches(event("UtcTime", "2024-03-05T23:10:00+05:00"))).isTrue();
            assertThat(r.matches(event("UtcTime", "2024-03-05T18:10:00Z"))).isFalse();
        }

        @Test
        void isoWeekAtYearBoundary() {
            CompiledRule r = part("week", "52");
            assertThat(r.matches(event("UtcTime", "2023-01-01T10:00:00Z"))).isTrue();
            assertThat(r.matches(event("UtcTime", "2024-01-01T10:00:00Z"))).isFalse();
        }

        @Test
        void withComparisons() {
            CompiledRule night = part("hour|lt", "6");
            assertThat(night.matches(event("UtcTime", "2024-03-05T05:59:00Z"))).isTrue();
            assertThat(night.matches(event("UtcTime", "2024-03-05T06:00:00Z"))).isFalse();
            CompiledRule late = part("hour|gte", "22");
            assertThat(late.matches(event("UtcTime", "2024-03-05 22:00:00.000")))
                    .isTrue();
            assertThat(late.matches(event("UtcTime", "2024-03-05 21:59:59.999")))
                    .isFalse();
            CompiledRule recent = part("year|gt", "2020");
            assertThat(recent.matches(event("UtcTime", ISO))).isTrue();
            assertThat(recent.matches(event("UtcTime", "2019-12-31T23:59:59Z"))).isFalse();
            CompiledRule spring = part("month|lte", "3");
            assertThat(spring.matches(event("UtcTime", ISO))).isTrue();
            assertThat(spring.matches(event("UtcTime", "2024-04-01T00:00:00Z"))).isFalse();
        }

        @Test
        void nonTimestampsDoNotMatch() {
            CompiledRule r = part("hour|gte", "0");
            assertThat(r.matches(event("UtcTime", ISO))).isTrue();
            assertThat(r.matches(event("UtcTime", "yesterday"))).isFalse();
            assertThat(r.matches(event("UtcTime", 1709649059L))).isFalse();
            assertThat(r.matches(event("UtcTime", ""))).isFalse();
        }
    }

    @Nested
    class Cidr {
        @Test
        void ipv4() {
            CompiledRule r = compile("""
                    sel:
                      DestinationIp|cidr: '10.0.0.0/8'
                    condition: sel
                    """);
            assertThat(r.matches(event("DestinationIp", "10.1.2.3"))).isTrue();
            assertThat(r.matches(event("DestinationIp", "10.255.255.255"))).isTrue();
            assertThat(r.matches(event("DestinationIp", "11.0.0.1"))).isFalse();
            assertThat(r.matches(event("DestinationIp", "9.255.255.255"))).isFalse();
            assertThat(r.matches(event("DestinationIp", "::ffff:10.0.0.1"))).isTrue();
            assertThat(r.matches(event("DestinationIp", "::ffff:11.0.0.1"))).isFalse();
            assertThat(r.matches(event("DestinationIp", "10.1.2"))).isFalse();
            assertThat(r.matches(event("DestinationIp", "host10.1.2.3"))).isFalse();
            assertThat(r.matches(event("DestinationIp", "-"))).isFalse();
            assertThat(r.matches(event("DestinationIp", null))).isFalse();
        }

        @Test
        void ipv4NonByteBoundaryPrefix() {
            CompiledRule r = compile("""
                    sel:
                      SourceIp|cidr:
                        - '172.16.0.0/12'
                        - '192.168.1.128/25'
                    condition: sel
                    """);
            assertThat(r.matches(event("SourceIp", "172.31.255.1"))).isTrue();
            assertThat(r.matches(event("SourceIp", "172.32.0.1"))).isFalse();
            assertThat(r.matches(event("SourceIp", "192.168.1.200"))).isTrue();
            assertThat(r.matches(event("SourceIp", "192.168.1.127"))).isFalse();
        }

        @Test
        void ipv6() {
            CompiledRule r = compile("""
                    sel:
                      SourceIp|cidr:
                        - 'fe80::/10'
                        - '2001:db8::/32'
                    condition: sel
                    """);
            assertThat(r.matches(event("SourceIp", "fe80::1c2:3ff:fe4d:5e6f"))).isTrue();
            assertThat(r.matches(event("SourceIp", "FEBF::1"))).isTrue();
            assertThat(r.matches(event("SourceIp", "fec0::1"))).isFalse();
            assertThat(r.matches(event("SourceIp", "2001:db8:0:1::5"))).isTrue();
            assertThat(r.matches(event("SourceIp", "2001:0DB8:ffff:ffff:ffff:ffff:ffff:ffff")))
                    .isTrue();
            assertThat(r.matches(event("SourceIp", "2001:db9::1"))).isFalse();
            assertThat(r.matches(event("SourceIp", "10.0.0.1"))).isFalse();
            assertThat(r.matches(event("SourceIp", "fe80:::1"))).isFalse();
        }

        @Test
        void ipv6NetworkDoesNotMatchIpv4MappedUnlessWrittenSo() {
            CompiledRule r = compile("""
                    sel:
                      SourceIp|cidr: '::ffff:0:0/96'
                    condition: sel
                    """);
            assertThat(r.matches(event("SourceIp", "::ffff:192.0.2.1"))).isTrue();
            assertThat(r.matches(event("SourceIp", "192.0.2.1"))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"10.0.0.0/33", "10.0.0/8", "300.0.0.0/8", "10.0.0.0/x", "not-an-ip", "fe80::/129"})
        void invalidCidrIsRejected(String cidr) {
            Diagnostic d = rejection("sel:\n  SourceIp|cidr: '" + cidr + "'\ncondition: sel\n");
            assertThat(d.code()).isEqualTo("invalid-cidr");
            assertThat(where(d)).isEqualTo("rule.yml:7:5");
        }
    }

    @Nested
    class Expand {
        private final Placeholders placeholders =
                new Placeholders(Map.of("jump_servers", List.of("JUMP01", "JUMP02"), "admin", List.of("adm-*")));

        @Test
        void expandsToEveryValue() {
            CompiledRule r = compile(placeholders, """
                    sel:
                      Computer|expand: '%jump_servers%'
                    condition: sel
                    """);
            assertThat(r.matches(event("Computer", "JUMP01"))).isTrue();
            assertThat(r.matches(event("Computer", "jump02"))).isTrue();
            assertThat(r.matches(event("Computer", "JUMP03"))).isFalse();
            assertThat(r.matches(event("Computer", "%jump_servers%"))).isFalse();
        }

        @Test
        void placeholderInsideAValueKeepsWildcardsAndCombinesWithPosition() {
            CompiledRule r = compile(placeholders, """
                    sel:
                      TargetUserName|expand|startswith: 'x:%admin%'
                    condition: sel
                    """);
            assertThat(r.matches(event("TargetUserName", "X:adm-bob"))).isTrue();
            assertThat(r.matches(event("TargetUserName", "x:adm-bob (2)"))).isTrue();
            assertThat(r.matches(event("TargetUserName", "x:bob"))).isFalse();
            assertThat(r.matches(event("TargetUserName", "y:adm-bob"))).isFalse();
        }

        @Test
        void withoutExpandPercentSignsAreLiteral() {
            CompiledRule r = compile(placeholders, """
                    sel:
                      Computer: '%jump_servers%'
                    condition: sel
                    """);
            assertThat(r.matches(event("Computer", "%jump_servers%"))).isTrue();
            assertThat(r.matches(event("Computer", "JUMP01"))).isFalse();
        }

        @Test
        void escapedPercentIsLiteral() {
            CompiledRule r = compile(placeholders, """
                    sel:
                      Computer|expand: '\\%plain%jump_servers%'
                    condition: sel
                    """);
            assertThat(r.matches(event("Computer", "%plainJUMP01"))).isTrue();
            assertThat(r.matches(event("Computer", "%plainjump02"))).isTrue();
            assertThat(r.matches(event("Computer", "JUMP01"))).isFalse();
            assertThat(r.matches(event("Computer", "\\%plainJUMP01"))).isFalse();
        }

        @Test
        void severalPlaceholdersGiveEveryCombination() {
            CompiledRule r = compile(placeholders, """
                    sel:
                      Path|expand: '%jump_servers%/%admin%'
                    condition: sel
                    """);
            assertThat(r.matches(event("Path", "JUMP02/adm-x"))).isTrue();
            assertThat(r.matches(event("Path", "JUMP01/adm-"))).isTrue();
            assertThat(r.matches(event("Path", "JUMP01/root"))).isFalse();
            assertThat(r.matches(event("Path", "JUMP03/adm-x"))).isFalse();
        }

        @Test
        void unresolvedPlaceholderIsRejected() {
            LoadResult r = load(src("rule.yml", SigmaFixture.ruleYaml("r1", """
                    sel:
                      Computer|expand: '%domain_controllers%'
                    condition: sel
                    """)));
            assertThat(r.rules().rules()).isEmpty();
            assertThat(errors(r)).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("unresolved-placeholder");
                assertThat(d.message()).contains("%domain_controllers%");
                assertThat(where(d)).isEqualTo("rule.yml:7:5");
            });
            assertThat(r.summary().byReason()).isEqualTo(Map.of("unresolved-placeholder", 1));
        }
    }

    @Nested
    class Fieldref {
        @Test
        void equalFields() {
            CompiledRule r = compile("""
                    sel:
                      ParentUser|fieldref: User
                    condition: sel
                    """);
            assertThat(r.matches(event("User", "CORP\\bob", "ParentUser", "corp\\BOB")))
                    .isTrue();
            assertThat(r.matches(event("User", "CORP\\bob", "ParentUser", "CORP\\alice")))
                    .isFalse();
            assertThat(r.matches(event("ParentUser", "CORP\\bob"))).isFalse();
            assertThat(r.matches(event("User", "CORP\\bob"))).isFalse();
        }

        @Test
        void withNeq() {
            CompiledRule r = compile("""
                    sel:
                      TargetUserName|fieldref|neq: SubjectUserName
                    condition: sel
                    """);
            assertThat(r.matches(event("TargetUserName", "alice", "SubjectUserName", "bob")))
                    .isTrue();
            assertThat(r.matches(event("TargetUserName", "bob", "SubjectUserName", "BOB")))
                    .isFalse();
        }

        @Test
        void withContains() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|fieldref|contains: OriginalFileName
                    condition: sel
                    """);
            assertThat(r.matches(event("CommandLine", "\"C:\\x\\WHOAMI.EXE\" /all", "OriginalFileName", "whoami.exe")))
                    .isTrue();
            assertThat(r.matches(event("CommandLine", "net user", "OriginalFileName", "whoami.exe")))
                    .isFalse();
        }

        @Test
        void withStartswithAndEndswith() {
            CompiledRule starts = compile("""
                    sel:
                      Image|fieldref|startswith: CurrentDirectory
                    condition: sel
                    """);
            CompiledRule ends = compile("""
                    sel:
                      Image|fieldref|endswith: Name
                    condition: sel
                    """);
            assertThat(starts.matches(event("Image", "C:\\Temp\\a.exe", "CurrentDirectory", "C:\\Temp\\")))
                    .isTrue();
            assertThat(starts.matches(event("Image", "C:\\Other\\a.exe", "CurrentDirectory", "C:\\Temp\\")))
                    .isFalse();
            assertThat(ends.matches(event("Image", "C:\\Temp\\a.exe", "Name", "a.exe")))
                    .isTrue();
            assertThat(ends.matches(event("Image", "C:\\Temp\\a.exe", "Name", "C:\\Temp")))
                    .isFalse();
        }

        @Test
        void fieldrefRejectsOtherTransforms() {
            assertThat(rejection("""
                                    sel:
                                      Image|fieldref|base64: Other
                                    condition: sel
                                    """).code()).isEqualTo("invalid-modifier-chain");
        }
    }

    @Nested
    class Chains {
        @Test
        void encodingsApplyInTheOrderWritten() {
            // wide then base64: base64 of 61 00 62 00.
            CompiledRule wideFirst = compile("""
                    sel:
                      Data|wide|base64: 'ab'
                    condition: sel
                    """);
            // base64 then wide: "YWI=" as UTF-16LE text.
            CompiledRule base64First = compile("""
                    sel:
                      Data|base64|wide: 'ab'
                    condition: sel
                    """);
            String utf16OfBase64 = "Y\u0000W\u0000I\u0000=\u0000";
            assertThat(wideFirst.matches(event("Data", "YQBiAA=="))).isTrue();
            assertThat(wideFirst.matches(event("Data", utf16OfBase64))).isFalse();
            assertThat(base64First.matches(event("Data", utf16OfBase64))).isTrue();
            assertThat(base64First.matches(event("Data", "YQBiAA=="))).isFalse();
        }

        @Test
        void positionBeforeEncodingIsRejected() {
            Diagnostic d = rejection("""
                    sel:
                      CommandLine|contains|base64offset: 'DownloadString'
                    condition: sel
                    """);
            assertThat(d.code()).isEqualTo("invalid-modifier-chain");
            assertThat(where(d)).isEqualTo("rule.yml:7:5");
        }

        @Test
        void windashBeforeBase64offsetCoversEveryDash() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|windash|base64offset|contains: ' -nop '
                    condition: sel
                    """);
            for (String dash : List.of("-", "/", "\u2013")) {
                String blob = Base64.getEncoder()
                        .encodeToString(("powershell " + dash + "nop x").getBytes(StandardCharsets.UTF_8));
                assertThat(r.matches(event("CommandLine", blob))).as(dash).isTrue();
            }
            String blob = Base64.getEncoder().encodeToString("powershell +nop x".getBytes(StandardCharsets.UTF_8));
            assertThat(r.matches(event("CommandLine", blob))).isFalse();
        }

        @Test
        void windashBeforeWideBase64offsetCoversEveryDash() {
            CompiledRule r = compile("""
                    sel:
                      CommandLine|windash|wide|base64offset|contains: ' -nop '
                    condition: sel
                    """);
            for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
                for (String prefix : List.of("powershell", "powershell.exe", "pwsh")) {
                    String blob = Base64.getEncoder()
                            .encodeToString((prefix + " " + dash + "nop x").getBytes(StandardCharsets.UTF_16LE));
                    assertThat(r.matches(event("CommandLine", "powershell -enc " + blob)))
                            .as(prefix + dash)
                            .isTrue();
                }
            }
            String blob = Base64.getEncoder().encodeToString("powershell +nop x".getBytes(StandardCharsets.UTF_16LE));
            assertThat(r.matches(event("CommandLine", blob))).isFalse();
        }

        @Test
        void windashBeforeWideWithoutBase64() {
            CompiledRule r = compile("""
                    sel:
                      Data|windash|wide|contains: '-k'
                    condition: sel
                    """);
            assertThat(r.matches(event("Data", "x/\u0000k\u0000y"))).isTrue();
            assertThat(r.matches(event("Data", "x-\u0000k\u0000y"))).isTrue();
            assertThat(r.matches(event("Data", "x+\u0000k\u0000y"))).isFalse();
        }

        @Test
        void unknownModifierIsRejectedAtTheKey() {
            Diagnostic d = rejection("""
                    sel:
                      Image|endswith: '.exe'
                      CommandLine|containz: 'x'
                    condition: sel
                    """);
            assertThat(d.code()).isEqualTo("unknown-modifier");
            assertThat(d.message()).contains("containz");
            assertThat(where(d)).isEqualTo("rule.yml:8:5");
        }

        @Test
        void modifierNamesAreCaseInsensitive() {
            CompiledRule r = compile("""
                    sel:
                      Image|EndsWith: '.exe'
                    condition: sel
                    """);
            assertThat(r.matches(event("Image", "a.EXE"))).isTrue();
            assertThat(r.matches(event("Image", "a.exe.txt"))).isFalse();
        }
    }
}
