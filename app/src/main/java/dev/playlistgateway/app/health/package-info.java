/** Health: what /health reports beyond Micronaut's own indicators. */
package dev.playlistgateway.app.health;
