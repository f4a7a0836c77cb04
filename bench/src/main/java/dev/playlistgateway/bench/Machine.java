package dev.playlistgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the figures come from: cores, load average (the box is shared), the JVM. */
record Machine(int cores, String loadAverage, String jvm) {

    static Machine now() {
        String load;
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            load = parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            load = "unknown";
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), load,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }
}
