package io.vigil.sigma.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.EncodedString;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A remembered scan is replayed only for the very bytes it was made from: another value in the same
 * slot is scanned again, and a replay sets exactly the marks the scan set.
 */
class ScanMemoTest {
    @Test
    void replaysOnlyTheSameBytes() {
        ScanMemo memo = new ScanMemo();
        EncodedString first = encoded("C:\\\\Windows\\\\System32\\\\ntdll.dll");
        int slot = ScanMemo.slot(first);
        long[] scanned = new long[3];
        scanned[0] = 1L << 5;
        scanned[2] = 1L << 63 | 1L;
        long[] marks = new long[3];
        memo.store(slot, first, scanned, 3, marks);
        assertThat(scanned).containsOnly(0L);
        assertThat(marks).containsExactly(1L << 5, 0L, 1L << 63 | 1L);

        // a value of other bytes with the same slot (searched for, so that the test cannot pass by luck)
        EncodedString other = sameSlot(first);
        long[] replayed = new long[3];
        assertThat(memo.replay(slot, other, replayed)).isFalse();
        assertThat(replayed).containsOnly(0L);

        // the same bytes at another place in another array
        byte[] padded = ("xx" + "C:\\\\Windows\\\\System32\\\\ntdll.dll" + "yy").getBytes(StandardCharsets.UTF_8);
        EncodedString again =
                new EncodedString(padded, 2, padded.length - 2, EncodedString.flagsOf(padded, 2, padded.length - 2));
        assertThat(ScanMemo.slot(again)).isEqualTo(slot);
        assertThat(memo.replay(slot, again, replayed)).isTrue();
        assertThat(replayed).containsExactly(1L << 5, 0L, 1L << 63 | 1L);
    }

    @Test
    void aNewValueTakesTheSlot() {
        ScanMemo memo = new ScanMemo();
        EncodedString first = encoded("HKLM\\\\Software\\\\Run\\\\a");
        EncodedString second = sameSlot(first);
        int slot = ScanMemo.slot(first);
        memo.store(slot, first, new long[] {1}, 1, new long[1]);
        memo.store(slot, second, new long[] {2}, 1, new long[1]);
        long[] marks = new long[1];
        assertThat(memo.replay(slot, first, marks)).isFalse();
        assertThat(memo.replay(slot, second, marks)).isTrue();
        assertThat(marks[0]).isEqualTo(2);
    }

    @Test
    void takesValuesOfMiddleLength() {
        assertThat(ScanMemo.takes(encoded("short"))).isFalse();
        assertThat(ScanMemo.takes(encoded("a".repeat(ScanMemo.MIN_BYTES)))).isTrue();
        assertThat(ScanMemo.takes(encoded("a".repeat(ScanMemo.MAX_BYTES)))).isTrue();
        assertThat(ScanMemo.takes(encoded("a".repeat(ScanMemo.MAX_BYTES + 1)))).isFalse();
    }

    private static EncodedString sameSlot(EncodedString of) {
        int slot = ScanMemo.slot(of);
        Map<Integer, Integer> tried = new HashMap<>();
        for (int i = 0; ; i++) {
            EncodedString candidate = encoded("value number " + i);
            if (ScanMemo.slot(candidate) == slot) {
                return candidate;
            }
            tried.merge(ScanMemo.slot(candidate), 1, Integer::sum);
        }
    }

    private static EncodedString encoded(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return new EncodedString(b, 0, b.length, EncodedString.flagsOf(b, 0, b.length));
    }
}
