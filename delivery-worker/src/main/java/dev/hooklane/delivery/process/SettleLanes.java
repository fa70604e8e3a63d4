package dev.hooklane.delivery.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread answers are settled on, off the HTTP client's I/O threads, with two lanes.
 * Answers, handed in from any thread ({@link #execute}), come first. What an answer frees, its
 * endpoint's slot and so the next request, is handed in from this thread ({@link #afterAnswers})
 * and runs only when no answer waits.
 *
 * <p>So when answers arrive faster than they are settled, every waiting answer's records go to
 * Kafka before another request starts. A worker that crashes then leaves as few requests answered
 * but unrecorded as it was behind (the next owner sends those again), and a backlog of answers
 * holds back new requests instead of growing. When the thread keeps up, the lanes change nothing.
 */
public final class SettleLanes implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SettleLanes.class);
    private static final Duration CLOSE_CHECK = Duration.ofMillis(100);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<Runnable> answers = new LinkedBlockingQueue<>();
    private final ArrayDeque<Runnable> freed = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean closed;

    public SettleLanes(String threadName) {
        this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::run);
        thread.start();
    }

    /** Settles an answer, before anything an earlier answer freed. */
    @Override
    public void execute(Runnable answer) {
        if (closed) {
            throw new RejectedExecutionException("the settle thread has stopped");
        }
        answers.add(answer);
    }

    /**
     * Runs {@code task}, what an answer freed, once no answer waits. Called from another thread
     * than this one, it is queued like an answer.
     */
    public void afterAnswers(Runnable task) {
        if (Thread.currentThread() != thread) {
            execute(task);
            return;
        }
        freed.add(task);
    }

    private void run() {
        while (true) {
            Runnable next = answers.poll();
            if (next == null) {
                next = freed.poll();
            }
            if (next == null) {
                if (closed) {
                    return;
                }
                try {
                    next = answers.poll(CLOSE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    log.warn("The settle thread was interrupted; {} answers and {} freed slots are left", answers.size(), freed.size());
                    return;
                }
                if (next == null) {
                    continue;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                log.error("A settle task failed", e);
            }
        }
    }

    /**
     * Takes no more answers; those already handed in, and what they free, are still worked before
     * the thread ends. Waits for that up to {@link #CLOSE_WAIT}.
     */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
