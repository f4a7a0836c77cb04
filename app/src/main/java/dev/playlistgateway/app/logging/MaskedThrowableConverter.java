package dev.playlistgateway.app.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %ex} (the stack trace and every cause's message) with secrets masked ({@link SecretMasking}):
 * an exception's message may quote a request URI or a body. logback.xml names it {@code %maskedEx}; being a
 * throwable converter, it also stops logback from appending an unmasked {@code %ex} of its own.
 * Logback creates it; thread safe.
 */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return SecretMasking.mask(super.convert(event));
    }
}
