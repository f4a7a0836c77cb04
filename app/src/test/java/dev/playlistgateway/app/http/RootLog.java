package dev.playlistgateway.app.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the application really writes to its log (the root logger at its configured level,
 * every logger: ours, Micronaut's, Netty's), so a test can count stack traces, ERRORs and WARNs.
 */
final class RootLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One log line: its level, logger, message, and whether a stack trace went with it. */
    record Line(Level level, String logger, String message, boolean stackTrace) {
        @Override
        public String toString() {
            return level + " " + logger + " - " + message + (stackTrace ? " [with stack trace]" : "");
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger root;

    private RootLog(Logger root) {
        this.root = root;
    }

    static RootLog record() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        RootLog log = new RootLog(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
        log.setContext(context);
        log.start();
        log.root.addAppender(log);
        return log;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(new Line(event.getLevel(), event.getLoggerName(), event.getFormattedMessage(), event.getThrowableProxy() != null));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines at INFO or above that carry a stack trace, and every ERROR. */
    List<Line> stackTracesAndErrors() {
        return lines.stream().filter(l -> l.level().isGreaterOrEqual(Level.INFO) && (l.stackTrace() || l.level() == Level.ERROR)).toList();
    }

    List<Line> at(Level level) {
        return lines.stream().filter(l -> l.level() == level).toList();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
