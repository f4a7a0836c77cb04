package dev.playlistgateway.adapter.cache.redis;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FailureGateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final FailureGate gate = new FailureGate(Duration.ofSeconds(1), Duration.ofMillis(750), Duration.ofSeconds(30), now::get,
            recordingLogger());

    @Test
    void letsEveryCallThroughWhileRedisWorks() {
        for (int i = 0; i < 10; i++) {
            assertThat(gate.tryAcquire()).isTrue();
            gate.answered();
        }
        assertThat(gate.isFailing()).isFalse();
    }

    @Test
    void keepsCallsAwayFromRedisForTheBackoffWindowAfterAFailure() {
        assertThat(gate.tryAcquire()).isTrue();
        gate.down("GET", new IOException("Connection refused"));

        advance(Duration.ofMillis(999));

        assertThat(gate.tryAcquire()).isFalse();
        assertThat(gate.isFailing()).isTrue();
    }

    @Test
    void letsExactlyOneProbeThroughOnceTheWindowHasPassed() {
        gate.down("GET", new IOException("Connection refused"));
        advance(Duration.ofSeconds(1));

        assertThat(gate.tryAcquire()).isTrue();
        assertThat(gate.tryAcquire()).isFalse();
        assertThat(gate.tryAcquire()).isFalse();

        gate.answered();

        assertThat(gate.isFailing()).isFalse();
        assertThat(gate.tryAcquire()).isTrue();
        assertThat(infos).hasSize(1);
    }

    @Test
    void aFailedProbeStartsANewWindow() {
        gate.down("GET", new IOException("Connection refused"));
        advance(Duration.ofSeconds(1));
        assertThat(gate.tryAcquire()).isTrue();

        gate.down("GET", new IOException("Connection refused"));

        assertThat(gate.tryAcquire()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(gate.tryAcquire()).isTrue();
    }

    @Test
    void aReleasedProbeLetsTheNextCallProbe() {
        gate.down("GET", new IOException("Connection refused"));
        advance(Duration.ofSeconds(1));
        assertThat(gate.tryAcquire()).isTrue();

        gate.release();

        assertThat(gate.tryAcquire()).isTrue();
    }

    /** A read that started {@code since} ago gave up now on a silent Redis. */
    private void silentRead(Duration since) {
        gate.silent("GET", now.get() - since.toNanos());
    }

    @Test
    void oneReadThatGaveUpOnASilentRedisDoesNotOpenTheGate() {
        advance(Duration.ofMillis(250));
        silentRead(Duration.ofMillis(250));

        assertThat(gate.isFailing()).isFalse();
        assertThat(gate.tryAcquire()).isTrue();
        assertThat(warnings).isEmpty();
    }

    @Test
    void manyReadsGivingUpInTheSameMomentAreOneSilenceNotMany() {
        advance(Duration.ofMillis(250));
        for (int i = 0; i < 16; i++) {
            silentRead(Duration.ofMillis(250)); // 16 concurrent requests, one stall
        }

        assertThat(gate.isFailing()).isFalse();
    }

    @Test
    void severalCommandTimeoutsOfSilenceInARowOpenTheGate() {
        for (int i = 0; i < 3; i++) {
            advance(Duration.ofMillis(250));
            silentRead(Duration.ofMillis(250)); // one read after the other, Redis silent throughout
        }

        assertThat(gate.isFailing()).isTrue();
        assertThat(gate.tryAcquire()).isFalse();
        assertThat(warnings).singleElement().asString().contains("GET", "no answer for 750 ms");
    }

    @Test
    void silenceIsCountedOnTheClockTheReadsGiveNotOnWallTime() {
        // The adapter's clock leaves out its event loop's stalls: a read that waited 250 ms of silence
        // while a busy JVM took 2 s of wall time to let it is one timeout of silence, not eight.
        advance(Duration.ofSeconds(2));
        long running = 5_000_000_000L;
        gate.silent("GET", running - Duration.ofMillis(250).toNanos(), running);

        assertThat(gate.isFailing()).isFalse();

        running += Duration.ofMillis(500).toNanos();
        gate.silent("GET", running - Duration.ofMillis(250).toNanos(), running);

        assertThat(gate.isFailing()).isTrue();
        assertThat(warnings).singleElement().asString().contains("no answer for 750 ms");
    }

    @Test
    void anAnswerFromRedisBetweenSilentReadsStartsTheCountAgain() {
        for (int i = 0; i < 2; i++) {
            advance(Duration.ofMillis(250));
            silentRead(Duration.ofMillis(250));
        }
        gate.answered();
        for (int i = 0; i < 2; i++) {
            advance(Duration.ofMillis(250));
            silentRead(Duration.ofMillis(250));
        }

        assertThat(gate.isFailing()).isFalse();
    }

    @Test
    void aRefusedConnectionOpensTheGateAtOnce() {
        gate.down("GET", new IOException("Connection refused"));

        assertThat(gate.isFailing()).isTrue();
        assertThat(warnings).singleElement().asString().contains("Connection refused");
    }

    @Test
    void aSilentProbeStartsANewWindowAtOnce() {
        gate.down("GET", new IOException("Connection refused"));
        advance(Duration.ofSeconds(1));
        assertThat(gate.tryAcquire()).isTrue();

        advance(Duration.ofMillis(250));
        silentRead(Duration.ofMillis(250));

        assertThat(gate.tryAcquire()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(gate.tryAcquire()).isTrue();
    }

    @Test
    void anyAnswerEndsTheBackoffEvenBeforeTheWindowHasPassed() {
        gate.down("SET", new IOException("Connection reset by peer"));

        gate.answered(); // a write sent before the failure was answered after all: Redis is up

        assertThat(gate.isFailing()).isFalse();
        assertThat(gate.tryAcquire()).isTrue();
        assertThat(infos).singleElement().asString().contains("reachable again");
    }

    @Test
    void newEvidenceEndsTheWindowEarlyForOneProbe() {
        gate.down("GET", new IOException("Connection refused"));
        advance(Duration.ofMillis(300));
        assertThat(gate.tryAcquire()).isFalse();

        gate.probeNow(); // the lost connection is open again

        assertThat(gate.tryAcquire()).isTrue();
        assertThat(gate.tryAcquire()).as("one probe, not everyone").isFalse();
    }

    @Test
    void warnsOncePerIntervalNotOncePerFailure() {
        for (int i = 0; i < 100; i++) {
            gate.down("GET", new IOException("Connection refused"));
            advance(Duration.ofMillis(100)); // 10 s in all
        }
        assertThat(warnings).hasSize(1);

        advance(Duration.ofSeconds(25));
        gate.down("MGET", new IOException("Connection refused"));

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).contains("MGET", "Connection refused", "99 further failures");
    }

    @Test
    void warnsAgainAtOnceWhenRedisFailsAfterHavingRecovered() {
        gate.down("GET", new IOException("down"));
        advance(Duration.ofSeconds(1));
        assertThat(gate.tryAcquire()).isTrue();
        gate.answered();

        gate.down("GET", new IOException("down again"));

        assertThat(warnings).hasSize(2);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    /** A logger that records formatted warn and info messages; other levels are ignored. */
    private Logger recordingLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if ((method.getName().equals("warn") || method.getName().equals("info"))
                            && args != null && args[0] instanceof String format) {
                        Object[] values = args.length == 2 && args[1] instanceof Object[] array ? array
                                : java.util.Arrays.copyOfRange(args, 1, args.length);
                        String message = org.slf4j.helpers.MessageFormatter.arrayFormat(format, values).getMessage();
                        (method.getName().equals("warn") ? warnings : infos).add(message);
                    }
                    if (method.getReturnType() == boolean.class) {
                        return true;
                    }
                    return method.getName().equals("getName") ? "test" : null;
                });
    }
}
