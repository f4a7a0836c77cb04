/**
 * Contract test suites: one abstract JUnit class per port, written once and extended by each
 * adapter's test with a few lines, so every adapter is held to the same behaviour.
 */
package dev.playlistgateway.contract;
