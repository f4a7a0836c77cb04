/**
 * What makes N gateway instances on one Redis one client of Spotify: the call budget's shared log
 * ({@link dev.playlistgateway.app.fleet.RedisCallLog}) and the shared Retry-After
 * ({@link dev.playlistgateway.app.fleet.RedisThrottleGate}), both Lua scripts on one hash-tagged slot, on
 * Redis's clock, behind the Spotify adapter's {@code SharedCallLog} and {@code ThrottleGate} seams. Redis
 * trouble never fails a call here: the adapter then keeps to its in-process share and gate
 * (docs/decisions/0021, 0022; docs/operations.md, "Running N instances"). {@link dev.playlistgateway.app.fleet.FleetState}
 * is what the wiring builds.
 */
package dev.playlistgateway.app.fleet;
