package dev.hooklane.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the machine is and how busy it is, read from the JVM and {@code /proc}. */
public final class Machine {

    private Machine() {
    }

    /** The one-minute load average, from {@code /proc/loadavg} (the JVM's own where that is missing). */
    public static double loadAverage() {
        return read(Path.of("/proc/loadavg"))
                .map(text -> Double.parseDouble(text.split(" ")[0]))
                .orElse(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    public static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", read(Path.of("/proc/cpuinfo")).flatMap(Machine::cpuModel).orElse("unknown"));
        machine.put("memoryBytes", read(Path.of("/proc/meminfo")).flatMap(Machine::memTotal).orElse(-1L));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("shared", "every process of the benchmark (broker, services, receiver, peer, load generator) on the same cores");
        return machine;
    }

    private static Optional<String> cpuModel(String cpuinfo) {
        return cpuinfo.lines().filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst();
    }

    private static Optional<Long> memTotal(String meminfo) {
        return meminfo.lines().filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024).findFirst();
    }

    private static Optional<String> read(Path path) {
        try {
            return Optional.of(Files.readString(path));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
