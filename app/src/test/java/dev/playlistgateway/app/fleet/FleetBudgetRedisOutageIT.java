package dev.playlistgateway.app.fleet;

import dev.playlistgateway.app.fleet.GatewayFleet.Answer;
import dev.playlistgateway.app.fleet.WindowedSpotify.Arrival;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis killed under three gateways that share a call budget and a Retry-After: no 5xx, each instance keeps to its
 * share of the budget and obeys the 429s it meets itself, and the fleet shares both again once Redis is back.
 */
class FleetBudgetRedisOutageIT {

    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final String CALLS_KEY = "{pgw:spotify:" + WindowedSpotify.CLIENT_ID + "}:calls";

    @RegisterExtension
    final RedisServerExtension redis = new RedisServerExtension();
    @AutoClose
    private final WindowedSpotify spotify = new WindowedSpotify(1_000, Duration.ofSeconds(30));
    @AutoClose
    private GatewayFleet fleet;
    private final ColdTracks tracks = new ColdTracks();
    private final List<Answer> everyAnswer = new ArrayList<>();

    private Answer ask(int instance) {
        Answer answer = fleet.answer(instance, tracks.next());
        everyAnswer.add(answer);
        return answer;
    }

    private List<Answer> burst(int count) {
        List<Answer> answers = fleet.burst(tracks.next(count));
        everyAnswer.addAll(answers);
        return answers;
    }

    @Test
    void redisKilledDuringTheLoadMakesNo5xxEachInstanceKeepsItsOwnGateAndTheFleetRecoversByItself() throws Exception {
        fleet = GatewayFleet.of(3).redis(redis.uri()).instanceProperties(spotify::gatewayProperties)
                .generousRedisTimeouts().properties(Map.of("spotify.call-budget", "9",
                        "spotify.call-budget-window", WINDOW.toMillis() + "ms", "spotify.max-wait", "1s")).start();
        assertThat(burst(8)).allSatisfy(answer -> assertThat(answer.ok()).isTrue());
        // An instance learns the fleet's size from its own calls' answers: in a concurrent burst its calls can all
        // come before the others have joined. One more call after the burst, and it has heard of all 3.
        assertThat(ask(1).ok()).isTrue();
        assertThat(redis.server().command("LLEN", CALLS_KEY)).isEqualTo(9L);

        redis.server().kill();
        Thread.sleep(WINDOW.toMillis() + 100); // the shared window's calls are behind us
        spotify.reset();
        spotify.throttleNext(1, 3);
        Answer met429 = ask(0);
        long throttledAt = spotify.refusals().get(0);
        List<Answer> meanwhile = burst(6);

        assertThat(met429.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(meanwhile.subList(0, 6).stream().filter(answer -> "RATE_LIMITED".equals(answer.errorCode())).count())
                .as("the instance that met the 429 holds back its own calls").isEqualTo(2);
        assertThat(spotify.log()).filteredOn(arrival -> arrival.at() > throttledAt).extracting(Arrival::member)
                .as("the others, which could not be told, go on; the throttled one sends nothing")
                .containsOnly(1, 2).hasSize(4);
        Thread.sleep(3_100);
        assertThat(ask(0).ok()).as("its own block passed: it calls again by itself").isTrue();
        long aloneFrom = System.nanoTime();
        int spentAlone = 0;
        for (int i = 0; i < 6; i++) {
            spentAlone += ask(1).ok() ? 1 : 0;
        }
        assertThat(spentAlone).as("9 / 3 per window: its share of the budget while Redis is away").isGreaterThanOrEqualTo(3);
        // On a loaded machine the six asks can outlast a window, and a slot that left it is spent again:
        // what must hold is that no window of this instance's calls holds more than its share. A slot says
        // when a call leaves, the stand-in sees when it arrives: 250 ms are allowed for that (as FleetBudgetIT).
        List<Long> alone = spotify.log().stream().filter(arrival -> arrival.member() == 1 && arrival.at() >= aloneFrom)
                .map(Arrival::at).toList();
        for (long first : alone) {
            assertThat(alone.stream().filter(at -> at >= first && at - first < WINDOW.minusMillis(250).toNanos()).count())
                    .as("calls of one instance in a window while Redis is away: its share, 9 / 3").isLessThanOrEqualTo(3);
        }

        redis.server().restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Thread.sleep(WINDOW.toMillis() + 100);
        while (!(redis.server().command("LLEN", CALLS_KEY) instanceof Long length && length > 0)) {
            assertThat(System.nanoTime()).as("the budget is shared in Redis again").isLessThan(deadline);
            ask(2);
            Thread.sleep(200);
        }
        spotify.throttleNext(1, 5);
        assertThat(ask(1).errorCode()).isEqualTo("RATE_LIMITED");
        int before = spotify.log().size();
        Answer elsewhere = ask(2);
        assertThat(elsewhere.errorCode()).as("the Retry-After is shared again").isEqualTo("RATE_LIMITED");
        assertThat(spotify.log()).hasSize(before);

        assertThat(everyAnswer).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            if (!answer.ok()) {
                assertThat(answer.errorCode()).isEqualTo("RATE_LIMITED");
            }
        });
    }
}
