package dev.playlistgateway.app.fleet;

/**
 * The fleet's keys in Redis, one hash tag for all of them, so that they live on one Cluster slot: the
 * budget's script touches two at once. The tag names the Spotify app (its client id), because Spotify's
 * limits are per app: two apps on one Redis do not share a budget.
 *
 * @param callLog    the slots reserved in the last window, oldest first (a list)
 * @param members    instances that used the budget lately, scored by when (a sorted set)
 * @param retryAfter the block in force: {@code until} (Redis time, ms) and {@code reason} (a hash)
 */
record FleetKeys(String callLog, String members, String retryAfter) {

    /** Keys under {@code prefix} (the cache's, {@code pgw:}) for the app {@code clientId}. */
    static FleetKeys of(String prefix, String clientId) {
        String tag = "{" + prefix + "spotify:" + clientId.replace("{", "").replace("}", "") + "}";
        return new FleetKeys(tag + ":calls", tag + ":members", tag + ":retry-after");
    }
}
