package dev.hooklane.delivery.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SettleLanesTest {

    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void shouldSettleEveryWaitingAnswerBeforeWhatTheAnswersFreed() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SettleLanes lanes = new SettleLanes("settle-test")) {
            lanes.execute(() -> {
                holding.countDown();
                awaitLatch(release);
                ran.add("answer 1");
                lanes.afterAnswers(() -> ran.add("freed by 1"));
            });
            holding.await(5, TimeUnit.SECONDS);
            for (int i = 2; i <= 4; i++) {
                int answer = i;
                lanes.execute(() -> {
                    ran.add("answer " + answer);
                    lanes.afterAnswers(() -> ran.add("freed by " + answer));
                });
            }
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 8);
        }
        assertThat(ran).containsExactly("answer 1", "answer 2", "answer 3", "answer 4", "freed by 1", "freed by 2", "freed by 3", "freed by 4");
    }

    @Test
    void shouldLetAnAnswerThatArrivesBetweenFreedTasksGoFirst() throws Exception {
        CountDownLatch inFreed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SettleLanes lanes = new SettleLanes("settle-test")) {
            lanes.execute(() -> {
                lanes.afterAnswers(() -> {
                    inFreed.countDown();
                    awaitLatch(release);
                    ran.add("freed 1");
                });
                lanes.afterAnswers(() -> ran.add("freed 2"));
            });
            inFreed.await(5, TimeUnit.SECONDS);
            lanes.execute(() -> ran.add("late answer"));
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 3);
        }
        assertThat(ran).containsExactly("freed 1", "late answer", "freed 2");
    }

    @Test
    void shouldQueueWhatAnotherThreadFreesLikeAnAnswer() {
        try (SettleLanes lanes = new SettleLanes("settle-test")) {
            lanes.afterAnswers(() -> ran.add("from the test thread"));
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
        }
        assertThat(ran).containsExactly("from the test thread");
    }

    @Test
    void shouldKeepWorkingAfterATaskFails() {
        try (SettleLanes lanes = new SettleLanes("settle-test")) {
            lanes.execute(() -> {
                throw new IllegalStateException("a failing task");
            });
            lanes.execute(() -> ran.add("next"));
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
        }
        assertThat(ran).containsExactly("next");
    }

    @Test
    void shouldFinishWhatWasHandedInWhenClosedAndRefuseMore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SettleLanes lanes = new SettleLanes("settle-test");
        lanes.execute(() -> awaitLatch(release));
        lanes.execute(() -> {
            ran.add("queued answer");
            lanes.afterAnswers(() -> ran.add("its freed slot"));
        });
        Thread closing = Thread.ofVirtual().start(lanes::close);
        await().atMost(Duration.ofSeconds(5)).until(() -> refuses(lanes));
        release.countDown();
        closing.join(Duration.ofSeconds(10));
        assertThat(ran).containsExactly("queued answer", "its freed slot");
        assertThatThrownBy(() -> lanes.execute(() -> ran.add("too late"))).isInstanceOf(RejectedExecutionException.class);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@code lanes} refuses answers now (a no-op is handed in while it still takes them). */
    private static boolean refuses(SettleLanes lanes) {
        try {
            lanes.execute(() -> { });
            return false;
        } catch (RejectedExecutionException e) {
            return true;
        }
    }
}
