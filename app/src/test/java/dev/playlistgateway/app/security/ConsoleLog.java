package dev.playlistgateway.app.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the gateway writes to its console log, exactly as an operator would read it: logback's console
 * appender (configured by the production logback.xml, with its masking converters) writes through
 * {@code System.out} on every call, so while this is open the lines land here instead of the build's console
 * (which a TRACE run would flood). Open it before the Micronaut context starts to see startup too.
 */
final class ConsoleLog implements AutoCloseable {
    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private ConsoleLog() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    static ConsoleLog open() {
        return new ConsoleLog();
    }

    /** Everything written so far. */
    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    List<String> lines() {
        return Arrays.asList(text().split("\\R"));
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
