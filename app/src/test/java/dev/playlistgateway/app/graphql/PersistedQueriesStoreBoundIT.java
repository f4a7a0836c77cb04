package dev.playlistgateway.app.graphql;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.playlistgateway.app.graphql.PersistedQueriesIT.persisted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What anonymous clients can make the gateway store as automatic persisted queries, with the in-memory cache
 * and the defaults (max-query-size 64 KB, 128 KB per client and 256 KB per instance per minute): padded
 * registrations run, but the store holds no query over the size, and no more than the budgets, however many
 * are sent; a client's normal Apollo flow (hash miss, hash and query, hash hit) is unchanged, and what it
 * registered before a flood still runs by its hash after it. Clients are told apart by X-Forwarded-For here.
 * {@link PersistedQueriesOnRedisIT} measures the same on Redis.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the flood spends the instance's minute: it goes last
@Property(name = "gateway.security.bearer.client-address-header", value = "X-Forwarded-For")
class PersistedQueriesStoreBoundIT {
    static final long PER_CLIENT = 128 << 10;
    static final long TOTAL = 256 << 10;

    @Inject
    RawGraphQL http;

    /** A valid query of about {@code bytes}: one field and a comment. */
    static String padded(String tag, int bytes) {
        return "{ __typename } # " + tag + " " + "x".repeat(bytes);
    }

    /** Sends {@code query} with its hash as {@code client}: it must run whether it is stored or not. */
    static void register(RawGraphQL http, String client, String query) {
        var answer = http.postJson(Map.of("query", query, "extensions", persisted(PersistedQueries.sha256(query))),
                "X-Forwarded-For", client);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.<String>at("data.__typename")).isEqualTo("Query");
    }

    /** How many of {@code queries} run by their hash alone (the others are not found). */
    static int stored(RawGraphQL http, List<String> queries) {
        int stored = 0;
        for (String query : queries) {
            var answer = http.postJson(Map.of("extensions", persisted(PersistedQueries.sha256(query))));
            if (answer.errorCodes().isEmpty()) {
                stored++;
            } else {
                assertThat(answer.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
            }
        }
        return stored;
    }

    /** What a budget of {@code perMinute} lets through in {@code elapsed}: a minute's worth at once, then the refill. */
    static long allowance(long perMinute, Duration elapsed) {
        return perMinute + perMinute * elapsed.toMillis() / 60_000;
    }

    @Test
    @Order(1)
    void queriesOverTheSizeRunButAreNotStored() {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String query = padded("large-" + i, 900 << 10);
            register(http, "198.51.100.1", query);
            queries.add(query);
        }
        String justUnder = padded("just-under", (64 << 10) - 100);
        register(http, "198.51.100.2", justUnder);

        assertThat(stored(http, queries)).isZero();
        assertThat(stored(http, List.of(justUnder))).isEqualTo(1);
    }

    @Test
    @Order(2)
    void paddedRegistrationsStoreNoMoreThanTheBudgetsAndAnApolloFlowGoesOn() {
        // A client's normal Apollo flow: miss, hash and query, hit.
        String apollo = PersistedQueriesIT.query("apollo-before-the-flood");
        String hash = PersistedQueries.sha256(apollo);
        assertThat(http.postJson(Map.of("extensions", persisted(hash)), "X-Forwarded-For", "192.0.2.1").errorCodes())
                .containsExactly("PERSISTED_QUERY_NOT_FOUND");
        assertThat(http.postJson(Map.of("query", apollo, "extensions", persisted(hash)), "X-Forwarded-For", "192.0.2.1")
                .<String>at("data.playlist.name")).isEqualTo("Deep Focus");
        assertThat(http.postJson(Map.of("extensions", persisted(hash)), "X-Forwarded-For", "192.0.2.1")
                .<String>at("data.playlist.name")).isEqualTo("Deep Focus");

        long started = System.nanoTime();
        long entry = RegistrationBudget.cost(60 << 10);
        List<String> fromOne = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String query = padded("one-" + i, 60 << 10);
            register(http, "203.0.113.1", query);
            fromOne.add(query);
        }
        Duration oneTook = Duration.ofNanos(System.nanoTime() - started);
        int storedFromOne = stored(http, fromOne);
        assertThat(storedFromOne * entry).as("one client, %s", oneTook).isLessThanOrEqualTo(allowance(PER_CLIENT, oneTook));
        assertThat(storedFromOne).isGreaterThanOrEqualTo(1);

        List<String> fromMany = new ArrayList<>(fromOne);
        for (int client = 0; client < 20; client++) {
            for (int i = 0; i < 3; i++) {
                String query = padded("many-" + client + "-" + i, 60 << 10);
                register(http, "203.0.113." + (10 + client), query);
                fromMany.add(query);
            }
        }
        Duration allTook = Duration.ofNanos(System.nanoTime() - started);
        int storedInAll = stored(http, fromMany);
        // The Apollo query took its part of the instance's minute, before the flood.
        assertThat(storedInAll * entry).as("%d clients, %s", 21, allTook)
                .isLessThanOrEqualTo(allowance(TOTAL, allTook) - RegistrationBudget.cost(apollo.length()));
        assertThat(storedInAll).isLessThan(fromMany.size() / 10)
                .as("other clients have budgets of their own").isGreaterThan(storedFromOne);

        var after = http.postJson(Map.of("extensions", persisted(hash)), "X-Forwarded-For", "192.0.2.1");
        assertThat(after.json()).doesNotContainKey("errors");
        assertThat(after.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
    }

    @Test
    @Order(3)
    void aSizeSettingThatDoesNotReadStopsTheStartNamingIt() {
        for (String setting : new String[]{PersistedQueries.MAX_QUERY_SIZE, PersistedQueries.PER_CLIENT, PersistedQueries.TOTAL}) {
            assertThatThrownBy(() -> ApplicationContext.run(Map.of(setting, "64 KiB")).close()).as(setting)
                    .hasStackTraceContaining(setting + " must be a size such as 64KB");
        }
    }
}
