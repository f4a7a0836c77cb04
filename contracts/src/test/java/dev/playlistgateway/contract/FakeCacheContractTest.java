package dev.playlistgateway.contract;

import dev.playlistgateway.domain.fake.FakeCache;
import dev.playlistgateway.domain.fake.MutableClock;
import dev.playlistgateway.domain.port.CachePort;

import java.time.Duration;

/** The domain tests' {@link FakeCache} does what every cache must, so what they prove holds for the real ones. */
class FakeCacheContractTest extends CachePortContract {

    private final MutableClock clock = MutableClock.now();

    @Override
    protected CachePort cache() {
        return new FakeCache(clock);
    }

    /** {@link FakeCache#unavailable()} plays the unreachable store. */
    @Override
    protected CachePort cacheWithItsStoreDown() {
        return new FakeCache(clock).unavailable();
    }

    @Override
    protected void letTimePass(Duration duration) {
        clock.advance(duration);
    }
}
