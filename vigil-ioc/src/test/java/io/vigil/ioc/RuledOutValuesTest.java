package io.vigil.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.EncodedString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A ruling is remembered for the very bytes and role it was made for, and for nothing else. */
class RuledOutValuesTest {
    @Test
    void remembersTheBytesForTheirRoleOnly() {
        RuledOutValues memo = new RuledOutValues();
        EncodedString path = encoded("C:\\\\Windows\\\\System32\\\\svchost.exe");
        memo.add(FieldRole.PATH, path, path.bytesHash());
        assertThat(memo.holds(FieldRole.PATH, path, path.bytesHash())).isTrue();
        assertThat(memo.holds(FieldRole.TEXT, path, path.bytesHash())).isFalse();

        // another value in the same slot (searched for, so that the test cannot pass by luck)
        EncodedString other = sameSlot(path);
        assertThat(memo.holds(FieldRole.PATH, other, other.bytesHash())).isFalse();
        memo.add(FieldRole.PATH, other, other.bytesHash());
        assertThat(memo.holds(FieldRole.PATH, other, other.bytesHash())).isTrue();
        assertThat(memo.holds(FieldRole.PATH, path, path.bytesHash())).isFalse();
    }

    @Test
    void forgetsEverythingPastItsBudget() {
        RuledOutValues memo = new RuledOutValues();
        EncodedString first = encoded("first value of the run");
        memo.add(FieldRole.TEXT, first, first.bytesHash());
        // one role's table holds at most SLOTS values: filling every role's passes the budget
        int n = 0;
        for (FieldRole role : FieldRole.values()) {
            for (int k = 0; k < 2 * RuledOutValues.SLOTS; k++) {
                EncodedString v = encoded(String.format("%01024d", n++));
                memo.add(role, v, v.bytesHash());
            }
        }
        assertThat((long) FieldRole.values().length * RuledOutValues.SLOTS * RuledOutValues.MAX_BYTES / 2)
                .isGreaterThan(RuledOutValues.BUDGET);
        assertThat(memo.holds(FieldRole.TEXT, first, first.bytesHash())).isFalse();
    }

    @Test
    void takesValuesOfMiddleLength() {
        assertThat(RuledOutValues.takes(encoded("a".repeat(RuledOutValues.MIN_BYTES - 1))))
                .isFalse();
        assertThat(RuledOutValues.takes(encoded("a".repeat(RuledOutValues.MIN_BYTES))))
                .isTrue();
        assertThat(RuledOutValues.takes(encoded("a".repeat(RuledOutValues.MAX_BYTES + 1))))
                .isFalse();
    }

    private static EncodedString sameSlot(EncodedString of) {
        int slot = of.bytesHash() >>> 8 & (RuledOutValues.SLOTS - 1);
        for (int i = 0; ; i++) {
            EncodedString candidate = encoded("C:\\\\Temp\\\\file number " + i);
            if ((candidate.bytesHash() >>> 8 & (RuledOutValues.SLOTS - 1)) == slot) {
                return candidate;
            }
        }
    }

    private static EncodedString encoded(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return new EncodedString(b, 0, b.length, EncodedString.flagsOf(b, 0, b.length));
    }
}
