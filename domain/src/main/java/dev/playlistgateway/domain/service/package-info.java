/**
 * The use cases ({@link dev.playlistgateway.domain.service.PlaylistService}) and the caching policy
 * they apply in front of the music service. Built by the app with {@code new}; no framework here.
 */
package dev.playlistgateway.domain.service;
