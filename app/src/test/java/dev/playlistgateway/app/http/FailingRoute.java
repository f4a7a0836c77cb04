package dev.playlistgateway.app.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** A route with a bug, for tests of what the gateway answers when it fails itself (only where a test asks for it). */
@Controller("/test-only/failing")
@Requires(property = "test.failing-route", value = "true")
@Secured(SecurityRule.IS_ANONYMOUS)
class FailingRoute {
    @Get
    String fail() {
        throw new IllegalStateException("a bug in the gateway");
    }
}
