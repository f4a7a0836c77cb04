package dev.playlistgateway.app.graphql;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** graphql.max-mutation-fields: a whole number of at least 1, 10 unless set; anything else stops the start naming it. */
class MaxMutationFieldsSettingTest {

    @Test
    void readsTheSettingAndDefaultsTo10() {
        assertThat(new QueryLimits.Settings("25").maxMutationFields()).isEqualTo(25);
        assertThat(new QueryLimits.Settings(" 1 ").maxMutationFields()).isEqualTo(1);
        try (ApplicationContext context = ApplicationContext.run(Map.of("graphql.max-mutation-fields", "3"))) {
            assertThat(context.getBean(QueryLimits.Settings.class).maxMutationFields()).isEqualTo(3);
        }
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getBean(QueryLimits.Settings.class).maxMutationFields()).isEqualTo(10);
        }
    }

    @Test
    void aValueThatIsNotAPositiveWholeNumberStopsTheStartNamingTheSetting() {
        for (String bad : new String[] {"0", "-1", "ten", "", "1.5"}) {
            assertThatThrownBy(() -> new QueryLimits.Settings(bad)).as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("graphql.max-mutation-fields");
        }
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("graphql.max-mutation-fields", "0")).close())
                .hasStackTraceContaining("graphql.max-mutation-fields must be at least 1");
    }
}
