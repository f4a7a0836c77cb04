package dev.playlistgateway.app.tracing;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns tracing on when an OTLP endpoint is configured, as OpenTelemetry's standard variables say it:
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (or the system
 * properties {@code otel.exporter.otlp.endpoint} / {@code otel.exporter.otlp.traces.endpoint}). It sets
 * {@code micronaut.otel.enabled=true}; application.yml leaves it false, and with it false Micronaut's
 * OpenTelemetry beans (SDK, HTTP server filter) do not exist at all. {@code MICRONAUT_OTEL_ENABLED=true}
 * also turns it on (to export elsewhere than OTLP, with {@code OTEL_TRACES_EXPORTER}). Runs once, when the
 * application context is built.
 */
@ContextConfigurer
public final class TracingSwitch implements ApplicationContextConfigurer {
    static final String ENABLED = "micronaut.otel.enabled";

    @Override
    public void configure(ApplicationContextBuilder builder) {
        if (endpointConfigured(System::getenv, System::getProperty)) {
            builder.properties(Map.of(ENABLED, true));
        }
    }

    static boolean endpointConfigured(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        return present(environment.apply("OTEL_EXPORTER_OTLP_ENDPOINT"))
                || present(environment.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
                || present(systemProperties.apply("otel.exporter.otlp.endpoint"))
                || present(systemProperties.apply("otel.exporter.otlp.traces.endpoint"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
