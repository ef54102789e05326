package io.vigil.ioc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LookupKeysTest {
    @Test
    void addressesParseByHand() {
        assertThat(IpAddress.parse("10.1.2.3")).hasToString("10.1.2.3");
        assertThat(IpAddress.parse("::ffff:10.1.2.3")).extracting(IpAddress::v4).isEqualTo(true);
        assertThat(IpAddress.parse("[fe80::1%12]")).hasToString("fe80:0:0:0:0:0:0:1");
        assertThat(IpAddress.parse("::")).hasToString("0:0:0:0:0:0:0:0");
        assertThat(IpAddress.parse("1::")).hasToString("1:0:0:0:0:0:0:0");
        assertThat(IpAddress.parse("2001:db8::1.2.3.4")).hasToString("2001:db8:0:0:0:0:102:304");
        for (String bad : new String[] {
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "1..2.3",
            "evil.com",
            ":::",
            "1:2",
            "12345::",
            "1:2:3:4:5:6:7:8:9",
            "::1::",
            "1.2.3.4.",
            "-"
        }) {
            assertThat(IpAddress.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void rangesAreCanonicalAndMasked() {
        assertThat(LookupKeys.ipRange("10.1.2.3/8")).isEqualTo("10.0.0.0/8");
        assertThat(LookupKeys.ipRange("10.1.2.3")).isEqualTo("10.1.2.3/32");
        assertThat(LookupKeys.ipRange("2001:DB8::/32")).isEqualTo("2001:db8:0:0:0:0:0:0/32");
        assertThat(LookupKeys.ipRange("::ffff:10.0.0.0/104")).isEqualTo("10.0.0.0/8");
        assertThatThrownBy(() -> LookupKeys.ipRange("10.0.0.0/33")).hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> LookupKeys.ipRange("10.0.0.0/x")).hasMessageContaining("not a number");
    }

    @Test
    void domainsAreValidatedAndNormalised() {
        assertThat(LookupKeys.domain("*.Evil.COM.")).isEqualTo("evil.com");
        assertThat(LookupKeys.domain("bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThatThrownBy(() -> LookupKeys.domain("com")).hasMessageContaining("single label");
        assertThatThrownBy(() -> LookupKeys.domain("evil com.x")).hasMessageContaining("contains ' '");
        assertThatThrownBy(() -> LookupKeys.domain("a..b")).hasMessageContaining("empty");
        assertThatThrownBy(() -> LookupKeys.domain("10.0.0.1")).hasMessageContaining("IP address");
    }

    @Test
    void hashesNeedTheirLength() {
        assertThatThrownBy(() -> Comparison.of(IocType.MD5, "abc")).hasMessageContaining("3 hexadecimal digits");
        assertThatThrownBy(() -> Comparison.of(IocType.SHA1, "z".repeat(40))).hasMessageContaining("hexadecimal");
        assertThat(Comparison.of(IocType.HASH, "A".repeat(64)).key()).isEqualTo("a".repeat(64));
    }

    @Test
    void otherKeys() {
        assertThat(LookupKeys.url("HTTP://Evil.com/")).isEqualTo("evil.com");
        assertThat(LookupKeys.url("https://evil.com/a/B.php?x=1#frag")).isEqualTo("evil.com/a/b.php?x=1");
        assertThat(LookupKeys.pipe("\\\\.\\pipe\\Foo")).isEqualTo("foo");
        assertThat(LookupKeys.registryKey("HKEY_CURRENT_USER\\Software\\X\\")).isEqualTo("hkcu\\software\\x");
        assertThat(LookupKeys.filename("C:/Temp/X.exe")).isEqualTo("c:\\temp\\x.exe");
        assertThat(LookupKeys.refang("hXXps://a[.]b(.)c[:]80")).isEqualTo("https://a.b.c:80");
        assertThatThrownBy(() -> LookupKeys.port("70000")).hasMessageContaining("range");
    }
}
