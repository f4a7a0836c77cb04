package dev.playlistgateway.app.fleet;

import dev.playlistgateway.adapter.spotify.CallBudget;
import dev.playlistgateway.adapter.spotify.CallBudget.Reservation;
import dev.playlistgateway.testsupport.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call budget in Redis, standalone and Cluster: instances on one Redis share one budget, no window ever holds
 * more than the budget, and with Redis gone each instance keeps to its share of the fleet it last saw.
 */
class FleetBudgetRedisIT extends OnBothRedisTopologies {

    private static final Duration WINDOW = Duration.ofSeconds(2);

    @Test
    void threeInstancesOnStandaloneRedisSpendOneBudgetAndNoWindowHoldsMore() throws Exception {
        concurrentBurstKeepsToTheBudget(standalone);
    }

    @Test
    void threeInstancesOnARedisClusterSpendOneBudgetAndNoWindowHoldsMore() throws Exception {
        concurrentBurstKeepsToTheBudget(cluster);
    }

    @Test
    void aSlotBeyondTheLongestWaitIsRefusedWithTheTimeUntilOneFrees() {
        CallBudget budget = standalone.member().callBudget(2, Duration.ofSeconds(30));
        budget.reserve(Duration.ZERO);
        budget.reserve(Duration.ZERO);

        Reservation refused = standalone.member().callBudget(2, Duration.ofSeconds(30)).reserve(Duration.ofSeconds(5));

        assertThat(refused.granted()).isFalse();
        assertThat(refused.delay()).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));
    }

    @Test
    void withRedisKilledEachInstanceKeepsToItsShareAndGoesBackToTheSharedBudgetWhenRedisReturns() throws Exception {
        FleetRedisTopologies own = FleetRedisTopologies.standalone();
        try (own) {
            RedisServer redis = own.servers().get(0);
            List<CallBudget> fleet = List.of(own.member().callBudget(12, Duration.ofSeconds(30)),
                    own.member().callBudget(12, Duration.ofSeconds(30)), own.member().callBudget(12, Duration.ofSeconds(30)));
            for (CallBudget member : fleet) {
                assertThat(member.reserve(Duration.ZERO).granted()).isTrue();
            }
            assertThat(fleet.get(0).reserve(Duration.ZERO).granted()).isTrue(); // now it has heard of all 3 members

            redis.kill();
            long started = System.nanoTime();
            int granted = 0;
            for (int i = 0; i < 10; i++) {
                granted += fleet.get(0).reserve(Duration.ZERO).granted() ? 1 : 0;
            }
            assertThat(granted).as("12 / 3 = 4 per instance, two of them spent before").isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one timeout at most, then the back-off")
                    .isLessThan(Duration.ofSeconds(2));

            redis.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Long.valueOf(1L).equals(redis.command("LLEN", "{pgw:spotify:fleet-test-app}:calls"))) {
                assertThat(System.nanoTime()).as("the budget is shared again after Redis returns").isLessThan(deadline);
                fleet.get(1).reserve(Duration.ZERO);
                Thread.sleep(100);
            }
        }
    }

    private static void concurrentBurstKeepsToTheBudget(FleetRedisTopologies redis) throws Exception {
        int calls = 10;
        List<CallBudget> fleet = List.of(redis.member().callBudget(calls, WINDOW), redis.member().callBudget(calls, WINDOW),
                redis.member().callBudget(calls, WINDOW));
        List<Long> slots = Collections.synchronizedList(new ArrayList<>());
        List<long[]> slotBounds = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> answers = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> asks = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                CallBudget member = fleet.get(i % fleet.size());
                asks.add(threads.submit(() -> {
                    long sent = System.nanoTime();
                    Reservation reservation = member.reserve(Duration.ofSeconds(5));
                    long asked = System.nanoTime();
                    answers.add(reservation.granted());
                    if (reservation.granted()) {
                        long delay = reservation.delay().toMillis();
                        slots.add(Duration.ofNanos(asked).toMillis() + delay);
                        slotBounds.add(new long[] {Duration.ofNanos(sent).toMillis() + delay, Duration.ofNanos(asked).toMillis() + delay});
                    }
                }));
            }
            for (Future<?> ask : asks) {
                ask.get();
            }
        } finally {
            threads.shutdownNow();
        }

        // 5 s of waiting covers two more windows after the first: 10 now, 10 after 2 s, 10 after 4 s.
        assertThat(slots).hasSizeBetween(30, 31);
        assertThat(answers).filteredOn(granted -> !granted).hasSize(45 - slots.size());
        // Redis's clock chose the slots at a moment this host knows only between sending the reservation and
        // reading its answer (on a busy machine, hundreds of ms apart): counted are the slots that surely fall
        // within a window, so a slow round trip cannot crowd a window, while a token bucket would still put 20
        // in one whenever the machine answers promptly. (Whole ms, hence a window 10 ms short.)
        assertThat(mostSurelyWithin(slotBounds, WINDOW.toMillis() - 10)).isLessThanOrEqualTo(calls);
        assertThat(redis.servers().stream().map(server -> (Long) server.command("DBSIZE")).toList())
                .as("the log and the members, together on one node").contains(2L).allMatch(keys -> keys == 0L || keys == 2L);
    }

    /**
     * The most slots that surely lie within one window of {@code windowMillis}: each slot is known only to lie
     * between its two bounds (ms, this host's clock), and counts for a window only if both do.
     */
    static int mostSurelyWithin(List<long[]> bounds, long windowMillis) {
        int most = 0;
        for (long[] first : bounds) {
            long from = first[0];
            int within = 0;
            for (long[] slot : bounds) {
                if (slot[0] >= from && slot[1] <= from + windowMillis) {
                    within++;
                }
            }
            most = Math.max(most, within);
        }
        return most;
    }

    static int mostWithin(List<Long> slots, long windowMillis) {
        List<Long> sorted = slots.stream().sorted().toList();
        int most = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) > windowMillis) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }
}
