/**
 * The HTTP layer's answers to requests it refuses before (or instead of) GraphQL: every error the
 * framework makes on any path (a malformed request line or header, a body in a coding or charset the
 * server cannot read, a method or media type a route does not serve, an unknown path) comes out as a
 * 4xx in the GraphQL error shape ({@code errors[].extensions.code}), with no stack trace in the log for
 * the client's mistakes. Only a failure of the gateway itself is a 500 ({@code INTERNAL}, with a
 * reference the log repeats beside the stack trace).
 */
package dev.playlistgateway.app.http;
