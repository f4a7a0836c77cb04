/**
 * The use cases ({@link dev.playlistgateway.domain.service.PlaylistService}), what they take
 * ({@link dev.playlistgateway.domain.service.ItemsWindow}) and what one request cost
 * ({@link dev.playlistgateway.domain.service.QueryCost}). The caching policy they read through is in
 * {@code domain/cache}. Built by the app with {@code new}; no framework here.
 */
package dev.playlistgateway.domain.service;
