package dev.hooklane.benchmarks.cpu;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time used so far by a process, user and system, every thread (those that ended too). Another
 * process's is the kernel's account in {@code /proc/<pid>/stat}, read through {@link ProcessHandle}
 * (clock ticks, 10 ms); this JVM's own is {@link OperatingSystemMXBean#getProcessCpuTime()} (ns).
 */
public final class CpuClock {

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {
    }

    /** Empty when the process has ended or the OS does not tell. */
    public static Optional<Duration> ofProcess(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
    }

    public static Duration ofThisJvm() {
        return Duration.ofNanos(OS.getProcessCpuTime());
    }
}
