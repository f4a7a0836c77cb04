/**
 * Logging helpers shared by the app: warnings that cannot flood the log while the same trouble repeats
 * on every request.
 */
package dev.playlistgateway.app.logging;
