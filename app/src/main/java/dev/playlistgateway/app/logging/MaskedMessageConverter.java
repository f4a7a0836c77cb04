package dev.playlistgateway.app.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with secrets masked ({@link SecretMasking}); logback.xml names it {@code %maskedMsg}.
 * Logback creates it; thread safe.
 */
public final class MaskedMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return SecretMasking.mask(event.getFormattedMessage());
    }
}
