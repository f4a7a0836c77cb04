/** Who is asking: turns an HTTP request into the domain's {@link dev.playlistgateway.domain.model.Viewer}. */
package dev.playlistgateway.app.viewer;
