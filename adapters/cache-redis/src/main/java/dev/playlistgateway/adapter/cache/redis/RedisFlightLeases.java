package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.domain.cache.FlightLeases;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link FlightLeases} in Redis, on the cache's own connection. A lease is a key beside the data key
 * it guards, {@code <prefix>lease:{<prefixed data key>}}, holding this instance's token:
 * {@code SET NX PX} takes it, it lapses by its PX, and it is given back by a one-key script that
 * deletes it only while it still holds our token. The hash tag is the whole data key, so on a
 * cluster the lease sits on the data key's slot: given back on the connection, and after the write,
 * that stored the value, so whoever sees the lease gone also finds the value. While Redis is down
 * every lease is taken (each instance loads for itself) and none is held.
 */
final class RedisFlightLeases implements FlightLeases {

    /** Deletes KEYS[1] if it holds ARGV[1]: a lease that lapsed and was taken by another instance is theirs. */
    static final String GIVE_BACK =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private final LettuceCacheAdapter cache;
    private final byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    /** False once Redis refused the script (scripting off, an ACL): plain UNLINK from then on. */
    private volatile boolean scripted = true;

    RedisFlightLeases(LettuceCacheAdapter cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    String leaseKey(String key) {
        return cache.prefixed("lease:{" + cache.prefixed(key) + "}");
    }

    @Override
    public Set<String> take(Collection<String> keys, Duration lease) {
        List<String> asked = new ArrayList<>(new LinkedHashSet<>(keys));
        if (asked.isEmpty()) {
            return Set.of();
        }
        SetArgs args = SetArgs.Builder.nx().px(Math.max(1, lease.toMillis()));
        List<String> answers = cache.ask("SET NX (" + asked.size() + " leases)", api -> {
            List<RedisFuture<String>> sent = new ArrayList<>();
            asked.forEach(key -> sent.add(api.strings().set(leaseKey(key), token, args)));
            return sent;
        });
        if (answers == null) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(asked));
        }
        Set<String> taken = new LinkedHashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            if ("OK".equals(answers.get(i))) {
                taken.add(asked.get(i));
            }
        }
        return Collections.unmodifiableSet(taken);
    }

    @Override
    public Set<String> held(Collection<String> keys) {
        List<String> asked = new ArrayList<>(new LinkedHashSet<>(keys));
        if (asked.isEmpty()) {
            return Set.of();
        }
        String[] leaseKeys = asked.stream().map(this::leaseKey).toArray(String[]::new);
        List<List<KeyValue<String, byte[]>>> answer = cache.ask("MGET (" + asked.size() + " leases)",
                api -> List.of(api.strings().mget(leaseKeys)));
        if (answer == null) {
            return Set.of();
        }
        Set<String> held = new LinkedHashSet<>();
        List<KeyValue<String, byte[]>> values = answer.get(0);
        for (int i = 0; i < values.size() && i < asked.size(); i++) {
            if (values.get(i).hasValue()) {
                held.add(asked.get(i));
            }
        }
        return held;
    }

    @Override
    public void giveBack(Collection<String> keys) {
        List<Function<Link.Api, RedisFuture<?>>> commands = new ArrayList<>();
        for (String key : new LinkedHashSet<>(keys)) {
            String leaseKey = leaseKey(key);
            commands.add(api -> giveBack(api, leaseKey));
        }
        cache.send("lease give-back", commands);
    }

    private RedisFuture<?> giveBack(Link.Api api, String leaseKey) {
        RedisScriptingAsyncCommands<String, byte[]> scripts = api.oneKeyScripts();
        if (!scripted || scripts == null) {
            // Without the check a lapsed lease that another instance took since may go too: a second load, no harm.
            return api.keys().unlink(leaseKey);
        }
        RedisFuture<Long> sent = scripts.eval(GIVE_BACK, ScriptOutputType.INTEGER, new String[] {leaseKey}, token);
        sent.whenComplete((deleted, failure) -> {
            if (failure instanceof RedisCommandExecutionException && !String.valueOf(failure.getMessage()).startsWith("OOM")) {
                scripted = false;
            }
        });
        return sent;
    }
}
