package dev.hooklane.benchmarks.cpu;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used so far by a process, user and system, every thread (those that ended too). Another
 * process's is the kernel's account in {@code /proc/<pid>/stat}, read through {@link ProcessHandle}
 * (clock ticks, 10 ms); this JVM's own is {@link OperatingSystemMXBean#getProcessCpuTime()} (ns).
 *
 * <p>The part of it a JVM spent compiling (its JIT compiler threads, named {@code C1 CompilerThread<n>}
 * and {@code C2 CompilerThread<n>}) is read per thread from {@code /proc/<pid>/task/<tid>/stat},
 * where the kernel shortens the names to 15 characters. A compiler thread that ended takes its
 * time with it, so this figure can only fall short.
 */
public final class CpuClock {

    /** {@code USER_HZ}, the unit of {@code /proc}'s CPU times: 100 on every Linux build that matters. */
    private static final long MILLIS_PER_TICK = 10;

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

    /** CPU time of the JIT compiler threads of JVM {@code pid} now running; empty where there is no {@code /proc}. */
    public static Optional<Duration> compilingOf(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            long ticks = threads.mapToLong(CpuClock::compilerTicks).sum();
            return Optional.of(Duration.ofMillis(ticks * MILLIS_PER_TICK));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** User + system clock ticks of the thread whose {@code stat} is under {@code task}, if it is a compiler thread; else 0. */
    static long compilerTicks(Path task) {
        String stat;
        try {
            stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
            return 0; // the thread ended meanwhile
        }
        return compilerTicks(stat);
    }

    /**
     * The same from the text of a {@code stat} file: {@code tid (name) state ...}, where the name may
     * hold spaces and parentheses, so the fields are counted from the last {@code )}; user and
     * system time are fields 14 and 15.
     */
    static long compilerTicks(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return 0;
        }
        String name = stat.substring(open + 1, close);
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            return 0;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        // fields[0] is field 3 (state): field n is fields[n - 3]
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
