package dev.hooklane.delivery.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.delivery.metrics.DeliveryMetrics.DeferReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint's queue, limits and circuit, without a network: what each waiting job is told, and when. */
class EndpointsTest {

    private static final EndpointLimits TWO_AT_ONCE = new EndpointLimits(2, 0);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private Endpoints endpoints(int queueCapacity, Duration maxWait) {
        return new Endpoints(new Endpoints.Settings(3, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(5), queueCapacity, maxWait,
                1000), timer);
    }

    /** The clock of the endpoints that {@link #crowdedFrom} makes: it moves only when a test moves it. */
    private final AtomicLong nanos = new AtomicLong();

    /** Endpoints on {@link #nanos}, with queues of 10 that count as crowded from {@code crowded} waiting jobs together. */
    private Endpoints crowdedFrom(int crowded) {
        return new Endpoints(new Endpoints.Settings(3, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(5), 10,
                Duration.ofMinutes(1), crowded), timer, nanos::get);
    }

    /** Moves the clock past the time after which an endpoint that started nothing does not drain. */
    private void startNothingForASecond() {
        nanos.addAndGet(Endpoints.NOT_DRAINING.toNanos() + 1);
    }

    /** A job that notes what it was told. */
    private final WaitingCount waiting = new WaitingCount();

    private final class Job implements Waiter {
        final String name;
        final List<String> told = new CopyOnWriteArrayList<>();
        volatile Permit permit;
        volatile Duration deferredFor;

        Job(String name) {
            this.name = name;
        }

        @Override
        public void go(Permit permit) {
            this.permit = permit;
            told.add("go");
        }

        @Override
        public void open() {
            told.add("open");
        }

        @Override
        public void defer(DeferReason reason, Duration wait) {
            deferredFor = wait;
            told.add("defer:" + reason);
        }

        @Override
        public boolean ratePaid() {
            return false;
        }

        @Override
        public WaitingCount waiting() {
            return waiting;
        }
    }

    @Test
    void shouldLetJobsWaitInOrderForAFreePermitInsteadOfDeferringThem() {
        Endpoints endpoints = endpoints(10, Duration.ofMinutes(1));
        List<Job> jobs = List.of(new Job("a"), new Job("b"), new Job("c"), new Job("d"));
        jobs.forEach(job -> endpoints.submit("sub:1", TWO_AT_ONCE, job));

        assertThat(jobs).extracting(job -> job.told).containsExactly(List.of("go"), List.of("go"), List.of(), List.of());
        assertThat(endpoints.queued()).isEqualTo(2);
        assertThat(waiting.get()).isEqualTo(2);

        jobs.get(1).permit.release(Waiter.Result.ANSWERED, Duration.ofMillis(5));
        assertThat(jobs.get(2).told).containsExactly("go");
        assertThat(jobs.get(3).told).isEmpty();
        jobs.get(0).permit.release(Waiter.Result.ANSWERED, Duration.ofMillis(5));
        assertThat(jobs.get(3).told).containsExactly("go");
        assertThat(endpoints.queued()).isZero();
    }

    @Test
    void shouldDeferWhenTheEndpointsQueueIsFull() {
        Endpoints endpoints = endpoints(1, Duration.ofMinutes(1));
        List<Job> jobs = List.of(new Job("a"), new Job("b"), new Job("c"), new Job("d"));
        jobs.forEach(job -> endpoints.submit("sub:1", TWO_AT_ONCE, job));
        assertThat(jobs.get(2).told).isEmpty();
        assertThat(jobs.get(3).told).containsExactly("defer:CONCURRENCY");
        assertThat(jobs.get(3).deferredFor).isEqualTo(Duration.ofSeconds(1));
        assertThat(endpoints.queued()).isEqualTo(1);
    }

    @Test
    void shouldNotLetOneEndpointsWaitingJobsHoldAnotherEndpointBack() {
        Endpoints endpoints = endpoints(10, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            endpoints.submit("sub:hanging", TWO_AT_ONCE, new Job("h" + i));
        }
        Job healthy = new Job("ok");
        endpoints.submit("sub:healthy", TWO_AT_ONCE, healthy);
        assertThat(healthy.told).containsExactly("go");
    }

    @Test
    void shouldDeferJobsThatWaitedLongerThanAllowed() {
        Endpoints endpoints = endpoints(10, Duration.ofMillis(50));
        List<Job> jobs = List.of(new Job("a"), new Job("b"), new Job("c"));
        jobs.forEach(job -> endpoints.submit("sub:1", TWO_AT_ONCE, job));

        await().atMost(Duration.ofSeconds(5)).until(() -> {
            endpoints.expireWaiting();
            return !jobs.get(2).told.isEmpty();
        });
        assertThat(jobs.get(2).told).containsExactly("defer:CONCURRENCY");
        assertThat(endpoints.queued()).isZero();
    }

    @Test
    void shouldHoldJobsForTheRateLimitAndSendThemAsTokensRefill() {
        Endpoints endpoints = endpoints(10, Duration.ofMinutes(1));
        EndpointLimits fivePerSecond = new EndpointLimits(100, 5);
        List<Job> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Job job = new Job("r" + i);
            jobs.add(job);
            endpoints.submit("sub:rate", fivePerSecond, job);
        }
        assertThat(jobs.subList(0, 5)).allSatisfy(job -> assertThat(job.told).containsExactly("go"));
        assertThat(jobs.subList(5, 7)).allSatisfy(job -> assertThat(job.told).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> jobs.get(6).told.contains("go"));
        assertThat(jobs.get(5).told).containsExactly("go");
    }

    @Test
    void shouldTellEveryWaitingJobWhenTheCircuitOpensAndLetOneProbeThroughLater() {
        Endpoints endpoints = new Endpoints(new Endpoints.Settings(2, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5), 10,
                Duration.ofMinutes(1), 1000), timer);
        List<Job> jobs = List.of(new Job("a"), new Job("b"), new Job("c"), new Job("d"));
        jobs.forEach(job -> endpoints.submit("sub:1", TWO_AT_ONCE, job));
        jobs.get(0).permit.release(Waiter.Result.FAILED, Duration.ofMillis(5));
        // c took a's permit; b failing opens the circuit (two failures in a row), and d, still waiting, is told.
        assertThat(jobs.get(2).told).containsExactly("go");
        jobs.get(1).permit.release(Waiter.Result.FAILED, Duration.ofMillis(5));
        assertThat(jobs.get(3).told).containsExactly("open");
        assertThat(endpoints.openCircuits()).isEqualTo(1);

        Job during = new Job("e");
        endpoints.submit("sub:1", TWO_AT_ONCE, during);
        assertThat(during.told).containsExactly("open");

        jobs.get(2).permit.release(Waiter.Result.FAILED, Duration.ofMillis(5));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Job probe = new Job("probe");
            endpoints.submit("sub:1", TWO_AT_ONCE, probe);
            return probe.told.contains("go");
        });
    }

    @Test
    void shouldDeferAJobThatFindsNoRoomForAboutAsLongAsTheQueueTakesToDrainAndReserveNothing() {
        Endpoints endpoints = endpoints(10, Duration.ofMinutes(1));
        EndpointLimits fivePerSecond = new EndpointLimits(100, 5);
        List<Job> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Job job = new Job("r" + i);
            jobs.add(job);
            endpoints.submit("sub:slow", fivePerSecond, job);
        }
        assertThat(jobs.subList(0, 5)).allSatisfy(job -> assertThat(job.told).containsExactly("go"));
        assertThat(jobs.get(15).told).containsExactly("defer:RATE_LIMIT");
        assertThat(jobs.get(15).deferredFor).isEqualTo(Duration.ofSeconds(2));
        // Deferring reserved no token: the ten waiting jobs go at the endpoint's pace, the first within a fifth of a second.
        await().atMost(Duration.ofSeconds(1)).until(() -> jobs.get(5).told.contains("go"));
    }

    @Test
    void shouldTurnAwayJobsForAQueueThatDoesNotDrainOnceAllQueuesAreCrowded() {
        // Three jobs waiting in all queues together make them crowded.
        Endpoints endpoints = crowdedFrom(3);
        EndpointLimits oneAtOnce = new EndpointLimits(1, 0);
        Job hanging = new Job("hanging");
        endpoints.submit("sub:hangs", oneAtOnce, hanging);
        List<Job> stuck = List.of(new Job("s1"), new Job("s2"), new Job("s3"));
        stuck.forEach(job -> endpoints.submit("sub:hangs", oneAtOnce, job));
        // Within a second of its last request's start, the queue still takes jobs though crowded.
        Job fresh = new Job("fresh");
        endpoints.submit("sub:hangs", oneAtOnce, fresh);
        assertThat(fresh.told).isEmpty();
        assertThat(endpoints.queued()).isEqualTo(4);

        startNothingForASecond();
        Job late = new Job("late");
        endpoints.submit("sub:hangs", oneAtOnce, late);
        assertThat(late.told).containsExactly("defer:" + DeferReason.CONCURRENCY);

        // Another endpoint's queue, which moves, still lets its jobs wait.
        Job busy = new Job("busy");
        Job next = new Job("next");
        endpoints.submit("sub:healthy", oneAtOnce, busy);
        endpoints.submit("sub:healthy", oneAtOnce, next);
        assertThat(busy.told).containsExactly("go");
        assertThat(next.told).isEmpty();
        busy.permit.release(Waiter.Result.ANSWERED, Duration.ofMillis(5));
        assertThat(next.told).containsExactly("go");
    }

    @Test
    void shouldLetAQueueThatDoesNotDrainFillUpWhileTheQueuesAreNotCrowded() {
        Endpoints endpoints = crowdedFrom(1000);
        EndpointLimits oneAtOnce = new EndpointLimits(1, 0);
        endpoints.submit("sub:hangs", oneAtOnce, new Job("hanging"));
        endpoints.submit("sub:hangs", oneAtOnce, new Job("first"));
        startNothingForASecond();
        Job late = new Job("late");
        endpoints.submit("sub:hangs", oneAtOnce, late);
        assertThat(late.told).isEmpty();
        assertThat(endpoints.queued()).isEqualTo(2);
    }

    @Test
    void shouldLetJobsWaitForASlowEndpointThatStillStartsRequestsThoughTheQueuesAreCrowded() {
        Endpoints endpoints = crowdedFrom(2);
        EndpointLimits oneAtOnce = new EndpointLimits(1, 0);
        Job slow = new Job("slow");
        endpoints.submit("sub:slow", oneAtOnce, slow);
        List<Job> waiting = List.of(new Job("w1"), new Job("w2"), new Job("w3"));
        waiting.forEach(job -> endpoints.submit("sub:slow", oneAtOnce, job));
        startNothingForASecond();
        // Its answer comes after more than a second: the next request starts, and the queue moves again.
        slow.permit.release(Waiter.Result.ANSWERED, Duration.ofMillis(1100));
        assertThat(waiting.get(0).told).containsExactly("go");
        Job more = new Job("more");
        endpoints.submit("sub:slow", oneAtOnce, more);
        assertThat(more.told).isEmpty();
        assertThat(endpoints.queued()).isEqualTo(3);
    }

    @Test
    void shouldDeferEveryJobWaitingForAnEndpointThatStartsNothingOnceTheQueuesAreCrowded() {
        Endpoints endpoints = crowdedFrom(3);
        EndpointLimits oneAtOnce = new EndpointLimits(1, 0);
        endpoints.submit("sub:hangs", oneAtOnce, new Job("hanging"));
        // A burst fills the queue within its first second, while it still counts as draining.
        List<Job> burst = List.of(new Job("b1"), new Job("b2"), new Job("b3"), new Job("b4"));
        burst.forEach(job -> endpoints.submit("sub:hangs", oneAtOnce, job));
        endpoints.expireWaiting();
        assertThat(endpoints.queued()).isEqualTo(4);

        startNothingForASecond();
        endpoints.expireWaiting();
        assertThat(burst).extracting(job -> job.told).containsOnly(List.of("defer:" + DeferReason.CONCURRENCY));
        assertThat(endpoints.queued()).isZero();
    }
}
