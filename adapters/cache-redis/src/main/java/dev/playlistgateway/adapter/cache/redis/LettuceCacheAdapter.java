package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.domain.cache.FlightLeases;
import dev.playlistgateway.domain.cache.SharedCounts;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link dev.playlistgateway.domain.port.CachePort} on one Lettuce connection (standalone or cluster).
 *
 * <ul>
 *   <li>{@code get} is GET; {@code getAll} is MGET, in commands of at most {@value #READ_CHUNK} keys
 *       sent back to back (on a cluster Lettuce splits each by slot, one round trip per node, in
 *       parallel).</li>
 *   <li>Reads wait as long as Redis keeps answering, up to {@code maxWait}: a read that is queued
 *       behind a big batch, or whose answer a busy JVM is slow to decode ({@link AnswerClock}), is
 *       not a failure. A read gives up early only when Redis has answered nothing at all for
 *       {@code commandTimeout}: a miss, and, once Redis has stayed silent for {@code timeoutsToOpen}
 *       command timeouts, the {@link FailureGate}'s evidence that Redis is down. A refused or dropped
 *       connection is that evidence at once.</li>
 *   <li>Writes ({@code put}: SET PX; {@code putAll}: on a standalone Redis one script per
 *       {@value #WRITE_CHUNK} keys that SETs each with PX, on a cluster one SET PX per key, pipelined;
 *       {@code delete}: UNLINK) are sent, not awaited: the caller goes on while Redis stores them,
 *       and one connection keeps them in order, so a read sent after a write sees it. At most {@code maxPendingWrites} keys
 *       await an answer; beyond that writes are dropped. A write Redis refuses (out of memory, say)
 *       is dropped and logged, and does not make reads miss. Every write carries its TTL in the
 *       same command: no key is ever without expiry.</li>
 *   <li>A delete is a mutation's invalidation, so it is not lost with Redis: its keys read as missing here
 *       until Redis confirms the UNLINK, and those still unconfirmed are deleted again once Redis answers
 *       ({@link UnsentDeletes}): a change made while Redis was down is not undone by Redis's old copy when
 *       it returns.</li>
 * </ul>
 * Never throws for Redis trouble. Thread-safe: Lettuce connections are, and the adapter's own state
 * is atomic. Reply callbacks run on Lettuce's event loop and only record that Redis answered.
 */
final class LettuceCacheAdapter implements RedisCache {

    /**
     * Keys per MGET. A 50 x 100 query reads about 4,000 track keys (1.2 MB): as one command, its
     * answer is one long message that arrives, and is decoded, only at the end; in chunks the first
     * answers come early and show that Redis is answering.
     */
    static final int READ_CHUNK = 500;

    /**
     * Keys per write command on a standalone Redis. Under CPU contention Lettuce's cost per command
     * dominates: 5,000 SETs (a cold 50 x 100 query's tracks) took 2.4 s at the median to be answered on
     * this 2-core machine at load 16 to 40, the same keys in 50 scripts 0.8 s (docs/benchmarks.md,
     * "Redis under load"). On a cluster a script's keys must share a slot, so there it is one SET per key.
     */
    static final int WRITE_CHUNK = 200;

    /** How long {@link #close()} waits for writes already sent: a restarted gateway finds them in Redis. */
    static final long CLOSE_DRAIN_MILLIS = 2_000;
    /** Most keys whose delete is remembered until Redis confirms it ({@link UnsentDeletes}): about 10 MB. */
    static final int MAX_UNSENT_DELETES = 100_000;

    /** SET key value PX ttl for every key: KEYS are the keys, ARGV[1] the TTL in ms, ARGV[i + 1] the values. */
    static final String SET_ALL_WITH_TTL =
            "local ttl = ARGV[1] for i = 1, #KEYS do redis.call('SET', KEYS[i], ARGV[i + 1], 'PX', ttl) end return #KEYS";

    private final Link link;
    private final String prefix;
    private final Duration maxWait;
    private final long silenceNanos;
    private final long maxWaitNanos;
    private final int maxPendingWrites;
    private final FailureGate gate;
    private final ThrottledWarning trouble;
    private final EventLoopWatch loops;
    private final AtomicInteger pendingWrites = new AtomicInteger();
    private final Object drained = new Object();
    private final BiConsumer<Object, Throwable> onReadReply = (value, failure) -> {
        if (failure == null || cause(failure) instanceof RedisCommandExecutionException) {
            answered();
        }
    };
    /** False once Redis refused a script (scripting disabled, or an ACL): plain SETs from then on. */
    private volatile boolean scriptedWrites = true;
    private final AnswerClock clock;
    private volatile boolean closed;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The connection was seen closed while Redis was judged down: its reopening is worth a probe at once. */
    private volatile boolean lostWhileDown;
    private final RedisFlightLeases leases;
    private final RedisSharedCounts counts;
    private final UnsentDeletes unsent = new UnsentDeletes(MAX_UNSENT_DELETES);

    LettuceCacheAdapter(Link link, RedisCacheSettings settings, FailureGate gate, ThrottledWarning trouble,
                        EventLoopWatch loops) {
        this.link = link;
        this.loops = loops;
        this.clock = new AnswerClock(loops);
        this.prefix = settings.keyPrefix();
        this.maxWait = settings.maxWait();
        this.silenceNanos = settings.commandTimeout().toNanos();
        this.maxWaitNanos = maxWait.toNanos();
        this.maxPendingWrites = settings.maxPendingWrites();
        this.gate = gate;
        this.trouble = trouble;
        this.leases = new RedisFlightLeases(this);
        this.counts = new RedisSharedCounts(this);
    }

    @Override
    public Optional<byte[]> get(String key) {
        String stored = prefixed(key);
        if (unsent.holds(stored)) {
            resendUnconfirmedDeletes();
            return Optional.empty();
        }
        List<byte[]> value = read("GET", api -> List.of(api.strings().get(stored)));
        return value == null ? Optional.empty() : Optional.ofNullable(value.get(0));
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        if (!unsent.isEmpty() && distinct.removeIf(key -> unsent.holds(prefixed(key)))) {
            resendUnconfirmedDeletes();
        }
        Map<String, byte[]> found = new HashMap<>();
        if (distinct.isEmpty()) {
            return found;
        }
        String[] stored = new String[distinct.size()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = prefixed(distinct.get(i));
        }
        List<List<KeyValue<String, byte[]>>> chunks = read("MGET (" + stored.length + " keys)", api -> {
            List<RedisFuture<List<KeyValue<String, byte[]>>>> sent = new ArrayList<>();
            for (int from = 0; from < stored.length; from += READ_CHUNK) {
                sent.add(api.strings().mget(Arrays.copyOfRange(stored, from, Math.min(stored.length, from + READ_CHUNK))));
            }
            return sent;
        });
        if (chunks == null) {
            return found;
        }
        // MGET answers in the order asked, on a cluster too (Lettuce reassembles the per-slot parts).
        int i = 0;
        for (List<KeyValue<String, byte[]>> chunk : chunks) {
            for (KeyValue<String, byte[]> value : chunk) {
                if (i < stored.length && value.hasValue()) {
                    found.put(distinct.get(i), value.getValue());
                }
                i++;
            }
        }
        return found;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        String stored = prefixed(key);
        Objects.requireNonNull(value, "value");
        SetArgs expiry = SetArgs.Builder.px(ttlMillis(ttl));
        write("SET", 1, api -> List.of(new Command(1, () -> api.strings().set(stored, value, expiry))));
    }

    @Override
    public void putAll(Map<String, byte[]> entries, Duration ttl) {
        Objects.requireNonNull(entries, "entries");
        long millis = ttlMillis(ttl);
        List<String> keys = new ArrayList<>(entries.size());
        List<byte[]> values = new ArrayList<>(entries.size());
        entries.forEach((key, value) -> {
            keys.add(prefixed(key));
            values.add(Objects.requireNonNull(value, "value"));
        });
        if (keys.isEmpty()) {
            return;
        }
        write("SET (" + keys.size() + " keys)", keys.size(), api -> {
            List<Command> commands = new ArrayList<>();
            if (api.scripts() != null && scriptedWrites && keys.size() > 1) {
                byte[] ttlArg = Long.toString(millis).getBytes(StandardCharsets.US_ASCII);
                for (int from = 0; from < keys.size(); from += WRITE_CHUNK) {
                    int to = Math.min(keys.size(), from + WRITE_CHUNK);
                    String[] chunkKeys = keys.subList(from, to).toArray(String[]::new);
                    byte[][] args = new byte[to - from + 1][];
                    args[0] = ttlArg;
                    for (int i = from; i < to; i++) {
                        args[i - from + 1] = values.get(i);
                    }
                    commands.add(new Command(to - from, true,
                            () -> api.scripts().eval(SET_ALL_WITH_TTL, ScriptOutputType.INTEGER, chunkKeys, args)));
                }
            } else {
                SetArgs expiry = SetArgs.Builder.px(millis);
                for (int i = 0; i < keys.size(); i++) {
                    String key = keys.get(i);
                    byte[] value = values.get(i);
                    commands.add(new Command(1, () -> api.strings().set(key, value, expiry)));
                }
            }
            return commands;
        });
    }

    @Override
    public void delete(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        String[] stored = new LinkedHashSet<>(keys).stream().map(this::prefixed).toArray(String[]::new);
        if (stored.length == 0) {
            return;
        }
        UnsentDeletes.Delete marked = unsent.mark(Arrays.asList(stored));
        if (unsent.overflowed(marked, stored.length)) {
            trouble.warn("more than " + MAX_UNSENT_DELETES + " deleted keys await Redis's confirmation: "
                    + "the old versions of the others stay in Redis until their TTL ends");
        }
        write("UNLINK", stored.length, api -> List.of(unlink(api, stored, marked)));
    }

    private Command unlink(Link.Api api, String[] stored, UnsentDeletes.Delete marked) {
        return new Command(stored.length, false, () -> api.keys().unlink(stored),
                marked == null ? () -> { } : () -> unsent.confirmed(marked));
    }

    /**
     * Deletes again what Redis has not confirmed deleting (sent while it was down, refused, dropped), now
     * that it answers: until then this instance reads those keys as missing, the others would not.
     */
    private void resendUnconfirmedDeletes() {
        long now = System.nanoTime();
        if (!unsent.resendDue(now)) {
            return;
        }
        for (List<String> keys : unsent.inChunks()) {
            UnsentDeletes.Delete delete = unsent.mark(keys);
            String[] stored = delete.keys().toArray(String[]::new);
            if (!write("UNLINK (" + stored.length + " keys deleted while Redis did not confirm)", stored.length,
                    api -> List.of(unlink(api, stored, delete)))) {
                unsent.notResent(now);
                return;
            }
        }
    }

    /** Keys whose delete Redis has not confirmed yet. */
    int unconfirmedDeletes() {
        return unsent.size();
    }

    @Override
    public FlightLeases flightLeases() {
        return leases;
    }

    @Override
    public SharedCounts sharedCounts() {
        return counts;
    }

    @Override
    public boolean isAvailable() {
        return !closed && !gate.isFailing() && link.isOpen();
    }

    /** Stops taking calls, lets the writes already sent finish (at most {@value #CLOSE_DRAIN_MILLIS} ms), and closes. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_DRAIN_MILLIS);
        synchronized (drained) {
            long left;
            while (pendingWrites.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        loops.close();
        link.close();
    }

    /** Keys awaiting Redis's answer to a write. */
    int pendingWrites() {
        return pendingWrites.get();
    }

    /**
     * How long the event loop that reads this cache's answers has been stalled in all: time a read's
     * wait for Redis does not count as silence ({@link EventLoopWatch#stalledNanos()}).
     */
    long loopStalledNanos() {
        return loops.stalledNanos();
    }

    /** False once Redis refused the write script. */
    boolean writesByScript() {
        return scriptedWrites;
    }

    // ------------------------------------------------------------------ for the fleet's leases and counts

    /**
     * Commands whose answers the caller needs (a lease taken, a count), under the same waiting and
     * judging rules as reads: null for any Redis trouble, at once while Redis is judged down.
     */
    <T> List<T> ask(String operation, Function<Link.Api, List<RedisFuture<T>>> commands) {
        return read(operation, commands);
    }

    /**
     * Commands sent like writes, not awaited, on the connection that sent this cache's earlier writes:
     * Redis runs them after those (on a cluster, after those to the same slot).
     */
    void send(String operation, List<Function<Link.Api, RedisFuture<?>>> commands) {
        if (commands.isEmpty()) {
            return;
        }
        write(operation, commands.size(), api -> commands.stream()
                .map(command -> new Command(1, () -> command.apply(api))).toList());
    }

    String prefixed(String key) {
        Objects.requireNonNull(key, "key");
        return prefix + key;
    }

    /** Whole milliseconds for PX, rounded up so that a positive TTL never becomes 0 (which Redis refuses). */
    private static long ttlMillis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        long millis = ttl.toMillis();
        return ttl.minusMillis(millis).isZero() ? millis : millis + 1;
    }

    /** Redis answered a command: called where the answer was read (Lettuce's event loop). */
    private void answered() {
        clock.answered();
        gate.answered();
    }

    /**
     * Whether this call may try Redis ({@link FailureGate#tryAcquire()}). While Redis is judged down,
     * a connection that Lettuce has reopened since it was lost (a restarted Redis accepted it and
     * answered its handshake) ends the back-off window early: the gateway is back on Redis about as
     * soon as Lettuce reconnects, not up to one more window later.
     */
    private boolean admitted() {
        if (gate.isFailing()) {
            if (!link.isOpen()) {
                lostWhileDown = true;
            } else if (lostWhileDown) {
                lostWhileDown = false;
                gate.probeNow();
            }
        }
        return gate.tryAcquire();
    }

    /** The connection was refused, rejected or dropped: Redis is down, and its reconnection will be news. */
    private void down(String operation, Throwable cause) {
        lostWhileDown = true;
        gate.down(operation, cause);
    }

    // ------------------------------------------------------------------ reads

    /**
     * A read that stopped waiting: Redis {@code silent} since {@code silentFrom} (on
     * {@link AnswerClock#runningNow()}'s clock) for the command timeout, or still busy at {@code maxWait}.
     */
    private static final class GaveUp extends Exception {
        final boolean silent;
        final long silentFrom;

        GaveUp(boolean silent, long silentFrom) {
            super(null, null, false, false);
            this.silent = silent;
            this.silentFrom = silentFrom;
        }
    }

    /**
     * Sends the commands (Lettuce writes them back to back: a pipeline) and waits for their answers
     * for as long as Redis keeps answering. Null for any Redis trouble, never an exception.
     */
    private <T> List<T> read(String operation, Function<Link.Api, List<RedisFuture<T>>> commands) {
        if (closed || !admitted()) {
            return null;
        }
        Link.Api api = link.get();
        if (api == null) {
            // Not connected yet: a miss, without waiting. A failed attempt reports itself to the gate.
            gate.release();
            return null;
        }
        AnswerClock.Start start = clock.start();
        List<RedisFuture<T>> sent = List.of();
        try {
            sent = commands.apply(api);
            sent.forEach(future -> future.whenComplete(onReadReply));
            List<T> results = new ArrayList<>(sent.size());
            for (RedisFuture<T> future : sent) {
                results.add(await(future, start));
            }
            gate.answered(); // also when the reply callbacks have not run yet: resolves a probe
            resendUnconfirmedDeletes();
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(sent);
            gate.release();
            return null;
        } catch (GaveUp e) {
            cancel(sent);
            gaveUp(operation, e.silent, e.silentFrom);
            return null;
        } catch (ExecutionException e) {
            cancel(sent);
            failed(operation, cause(e), start);
            return null;
        } catch (RuntimeException e) {
            // Lettuce may also throw synchronously (connection closed).
            cancel(sent);
            down(operation, e);
            return null;
        }
    }

    /**
     * The answer to one command, waiting while Redis answers something at least every command
     * timeout (or this JVM is too busy to read what it answers), and never past {@code start + maxWait}.
     */
    private <T> T await(RedisFuture<T> future, AnswerClock.Start start)
            throws InterruptedException, ExecutionException, GaveUp {
        long hardDeadline = start.at() + maxWaitNanos;
        while (true) {
            if (future.isDone()) {
                return future.get();
            }
            long now = System.nanoTime();
            long untilSilent = silenceNanos - clock.silenceNanos(start, now);
            long untilDeadline = hardDeadline - now;
            if (untilSilent <= 0 || untilDeadline <= 0) {
                throw new GaveUp(untilSilent <= 0, clock.silentFrom(start));
            }
            try {
                return future.get(Math.min(untilSilent, untilDeadline), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // look again: Redis may have answered other commands meanwhile, or the loop stalled
            }
        }
    }

    private void gaveUp(String operation, boolean silent, long silentFrom) {
        if (silent) {
            gate.silent(operation, silentFrom, clock.runningNow());
        } else {
            // Redis answered meanwhile (so the gate is open), only not this: slow, not down.
            gate.release();
            trouble.warn(operation + " got no answer within " + maxWait + " while Redis was answering other "
                    + "commands (Redis or this JVM is overloaded): a miss or a dropped write");
        }
    }

    /** A command failed: Redis refused it (it is up), Lettuce's own timeout, or the connection. */
    private void failed(String operation, Throwable cause, AnswerClock.Start since) {
        if (cause instanceof RedisCommandExecutionException) {
            gate.answered();
            trouble.warn(operation + " refused by Redis (" + describe(cause) + "): a miss or a dropped write");
        } else if (cause instanceof RedisCommandTimeoutException) {
            gaveUp(operation, clock.silentSince(since.at()), clock.silentFrom(since));
        } else if (cause instanceof CancellationException) {
            gate.release();
        } else {
            down(operation, cause);
        }
    }

    private static void cancel(List<? extends RedisFuture<?>> sent) {
        sent.forEach(future -> future.cancel(false));
    }

    // ------------------------------------------------------------------ writes

    /** One write command: how many keys it writes, whether it is the script, how to send it, and what to do once Redis did it. */
    private record Command(int keys, boolean script, Supplier<RedisFuture<?>> send, Runnable done) {
        Command(int keys, boolean script, Supplier<RedisFuture<?>> send) {
            this(keys, script, send, () -> { });
        }

        Command(int keys, Supplier<RedisFuture<?>> send) {
            this(keys, false, send);
        }
    }

    /**
     * Sends the write commands {@code plan} makes for the connection, without waiting for their
     * answers, which {@link WriteOutcome} reports to the gate. Dropped at once while Redis is judged
     * down, or while too many keys await an answer: then false.
     */
    private boolean write(String operation, int keys, Function<Link.Api, List<Command>> plan) {
        if (closed || !admitted()) {
            return false;
        }
        Link.Api api = link.get();
        if (api == null) {
            gate.release();
            return false;
        }
        if (pendingWrites.addAndGet(keys) > maxPendingWrites) {
            settle(keys);
            gate.release();
            trouble.warn(operation + " dropped: more than " + maxPendingWrites + " written keys await Redis's answer");
            return false;
        }
        WriteOutcome outcome = new WriteOutcome(operation, clock.start());
        int sent = 0;
        try {
            for (Command command : plan.apply(api)) {
                command.send().get().whenComplete(outcome.of(command));
                sent += command.keys();
            }
        } catch (RuntimeException e) {
            // Lettuce may throw synchronously (connection closed): the rest of the batch is not sent.
            settle(keys - sent);
            outcome.report(e, false);
        }
        return true;
    }

    private void settle(int count) {
        if (pendingWrites.addAndGet(-count) <= 0 && closed) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** The answers to one batch of writes; only its first failure is reported. */
    private final class WriteOutcome {
        private final String operation;
        private final AnswerClock.Start sentAt;
        private final AtomicBoolean reported = new AtomicBoolean();

        WriteOutcome(String operation, AnswerClock.Start sentAt) {
            this.operation = operation;
            this.sentAt = sentAt;
        }

        /** What to do with the answer to {@code command}. */
        BiConsumer<Object, Throwable> of(Command command) {
            return (value, failure) -> {
                try {
                    if (failure == null) {
                        answered();
                        command.done().run();
                    } else {
                        report(failure, command.script());
                    }
                } finally {
                    settle(command.keys());
                }
            };
        }

        void report(Throwable failure, boolean script) {
            Throwable cause = cause(failure);
            if (cause instanceof RedisCommandExecutionException) {
                answered();
                String message = String.valueOf(cause.getMessage());
                if (script && !message.startsWith("OOM") && scriptedWrites) {
                    scriptedWrites = false;
                    trouble.warn("Redis refused the write script (" + message + "): writing one SET per key from now on");
                    return;
                }
            }
            if (reported.compareAndSet(false, true)) {
                failed(operation, cause, sentAt);
            }
        }
    }

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
