package dev.playlistgateway.app.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records, at DEBUG, every log line of the code that handles secrets (ours, Micronaut's HTTP client
 * and security, the JDK HTTP client), messages and exception texts included, so a test can prove
 * that no token or client secret reaches the logs. Those loggers write only here while recording,
 * so the build's console is not flooded.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private static final List<String> WATCHED = List.of("dev.playlistgateway", "io.micronaut.http.client",
            "io.micronaut.security", "jdk.internal.httpclient");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Line> records = new CopyOnWriteArrayList<>();
    private final Map<Logger, Level> previous = new HashMap<>();

    private LogCapture() {
    }

    public static LogCapture everything() {
        LogCapture capture = new LogCapture();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        capture.setContext(context);
        capture.start();
        for (String name : WATCHED) {
            Logger logger = context.getLogger(name);
            capture.previous.put(logger, logger.getLevel());
            logger.addAppender(capture);
            logger.setAdditive(false);
            logger.setLevel(Level.DEBUG);
        }
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        lines.add(line.toString());
        records.add(new Line(line.toString(), event.getThreadName(), event.getMDCPropertyMap().get("requestId")));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** One recorded line (as {@link #lines()} has it), the thread that wrote it, and the request id in its MDC (or null). */
    public record Line(String text, String thread, String requestId) {
    }

    /** The lines with their thread and request id. */
    public List<Line> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        previous.forEach((logger, level) -> {
            logger.detachAppender(this);
            logger.setAdditive(true);
            logger.setLevel(level);
        });
        stop();
    }
}
