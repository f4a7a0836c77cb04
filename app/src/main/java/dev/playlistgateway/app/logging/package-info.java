/**
 * Logging helpers shared by the app: warnings that cannot flood the log while the same trouble repeats
 * on every request ({@link dev.playlistgateway.app.logging.RateLimitedLog}), and the masking of OAuth codes,
 * tokens and secrets in every line logback writes ({@link dev.playlistgateway.app.logging.SecretMasking},
 * used by the converters that logback.xml names).
 */
package dev.playlistgateway.app.logging;
