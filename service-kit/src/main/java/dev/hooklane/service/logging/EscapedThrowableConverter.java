package dev.hooklane.service.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Arrays;

/**
 * {@code %ex} of the text log with the messages of the exception, its causes and suppressed
 * exceptions escaped like {@code %msg} ({@link EscapedMessageConverter}): an exception message
 * often quotes the input that caused it. The lines of the stack trace itself stay as they are.
 */
public final class EscapedThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return super.throwableProxyToString(new Escaped(throwable));
    }

    /** A throwable as logback sees it, with its message and those of its causes escaped. */
    private record Escaped(IThrowableProxy throwable) implements IThrowableProxy {

        @Override
        public String getMessage() {
            return EscapedMessageConverter.escape(throwable.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return EscapedMessageConverter.escape(throwable.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return throwable.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return throwable.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return throwable.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return throwable.getCause() == null ? null : new Escaped(throwable.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = throwable.getSuppressed();
            return suppressed == null ? null : Arrays.stream(suppressed).map(Escaped::new).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return throwable.isCyclic();
        }
    }
}
