package dev.playlistgateway.app.graphql;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static graphql.Scalars.GraphQLString;
import static org.assertj.core.api.Assertions.assertThat;

/** Fields without a fetcher of their own read the record component of their name, and anything else as before. */
class RecordFieldsTest {

    record Song(String name, int plays) {
    }

    record Other(String title) {
    }

    /** Not a record: a bean, as graphql-java's PropertyDataFetcher reads it. */
    public static final class Bean {
        public String getName() {
            return "bean";
        }
    }

    @Test
    void readsTheComponentOfTheFieldsNameFromAnyRecordOrFallsBack() throws Exception {
        GraphQLFieldDefinition name = GraphQLFieldDefinition.newFieldDefinition().name("name").type(GraphQLString).build();
        LightDataFetcher<?> fetcher = RecordFields.componentNamed("name");

        assertThat(fetcher.get(name, new Song("Intro", 3), () -> null)).isEqualTo("Intro");
        assertThat(fetcher.get(name, new Song("Outro", 4), () -> null)).isEqualTo("Outro");
        assertThat(fetcher.get(name, new Other("no name"), () -> null)).isNull();
        assertThat(fetcher.get(name, new Bean(), () -> null)).isEqualTo("bean");
        assertThat(fetcher.get(name, Map.of("name", "map"), () -> null)).isEqualTo("map");
        assertThat(fetcher.get(name, null, () -> null)).isNull();
        assertThat(RecordFields.componentNamed("plays").get(name, new Song("x", 7), () -> null)).isEqualTo(7);
    }
}
