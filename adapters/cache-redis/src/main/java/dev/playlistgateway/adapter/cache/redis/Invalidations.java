package dev.playlistgateway.adapter.cache.redis;

import java.util.Collection;
import java.util.List;

/** The channel near tiers tell each other about changed keys on. */
interface Invalidations extends AutoCloseable {

    /** What a near tier is told by the channel. Called on the channel's thread: must be quick. */
    interface Listener {
        /** Another instance changed these keys. */
        void invalidated(List<String> keys);

        /** The channel was (re)established: whatever was said while it was down is lost. */
        void resubscribed();
    }

    /** Tells the other instances these keys changed. Never blocks, never throws for Redis trouble. */
    void publish(Collection<String> keys);

    /** True while invalidations from other instances arrive. */
    boolean isUp();

    @Override
    void close();
}
