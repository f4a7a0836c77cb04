package dev.playlistgateway.domain.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * A 64-bit stamp of an entry's stored bytes, so that a later read can tell whether the entry is still the
 * one an answer was built from. The bytes of every entry begin with its fresh-until instant
 * ({@link EntryCodec}), so each write of a key is a new stamp even when the value is the same; the hash is
 * seeded at random per process, so nobody can pick values whose stamps collide. Not a cryptographic hash:
 * it guards against chance, not against someone who can read this process's memory.
 */
public final class EntryStamp {

    /** The stamp of a key that held nothing (or nothing that decodes to the same bytes). */
    public static final long ABSENT = 0L;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEED = new SecureRandom().nextLong();
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private EntryStamp() {
    }

    /** The stamp of {@code bytes}, never {@link #ABSENT}; {@link #ABSENT} for null. */
    public static long of(byte[] bytes) {
        if (bytes == null) {
            return ABSENT;
        }
        long h = SEED ^ (bytes.length * MULTIPLIER);
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            h = Long.rotateLeft(h ^ mix((long) LONGS.get(bytes, i)), 27) * MULTIPLIER + 0x52DCE729L;
        }
        long tail = 0;
        for (int shift = 0; i < bytes.length; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        h = mix(h ^ mix(tail));
        return h == ABSENT ? 1L : h;
    }

    /** Murmur3's finaliser: every input bit reaches every output bit. */
    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
