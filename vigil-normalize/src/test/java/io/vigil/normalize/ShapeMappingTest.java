package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeMappingTest {
    @Test
    void loadsEveryBuiltInMapping() {
        for (RecordShape shape : RecordShape.values()) {
            ShapeMapping mapping = ShapeMapping.load(shape.resource());
            if (shape != RecordShape.NETWORK_LOG) { // network records have no Windows header
                assertThat(mapping.rules()).extracting(FieldRule::name).contains("EventID", "Channel", "Computer");
            }
            assertThat(mapping.timeFields()).isNotEmpty();
        }
    }

    @Test
    void rejectsUnknownKeysNamingResourceAndField() {
        assertThatThrownBy(() -> ShapeMapping.load("misspelt_mapping.yaml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("misspelt_mapping.yaml")
                .hasMessageContaining("field EventID")
                .hasMessageContaining("'form'");
    }

    @Test
    void matchesGlobsPerKey() {
        PathPattern userData = new PathPattern("Event.UserData.*");
        assertThat(userData.below("Event.UserData.LogFileCleared.Channel")).isEqualTo("Channel");
        assertThat(userData.below("Event.UserData.LogFileCleared")).isEmpty();
        assertThat(userData.below("Event.EventData.X")).isNull();
        assertThat(new PathPattern("Event.#attributes.**").matches("Event.#attributes.xmlns"))
                .isTrue();
    }

    @Test
    void convertsHeaderValues() {
        ChannelNames channels = new ChannelNames(java.util.List.of("Security"));
        assertThat(Conversion.LONG.apply("4624", channels)).isEqualTo(4624L);
        assertThat(Conversion.LONG.apply(" 12 ", channels)).isEqualTo(12L);
        assertThat(Conversion.LONG.apply("0x10", channels)).isEqualTo("0x10");
        assertThat(Conversion.LONG.apply("99999999999999999999", channels)).isEqualTo("99999999999999999999");
        assertThat(Conversion.HEX.apply(-9214364837600034816L, channels)).isEqualTo("0x8020000000000000");
        assertThat(Conversion.HEX.apply(36028797018963968L, channels)).isEqualTo("0x80000000000000");
        assertThat(Conversion.HEX.apply("0x8000000000000000", channels)).isEqualTo("0x8000000000000000");
        assertThat(Conversion.GUID.apply("{54849625-5478-4994-a5ba-3e3b0328c30d}", channels))
                .isEqualTo("54849625-5478-4994-A5BA-3E3B0328C30D");
        assertThat(Conversion.CHANNEL.apply("SECURITY", channels)).isEqualTo("Security");
    }
}
