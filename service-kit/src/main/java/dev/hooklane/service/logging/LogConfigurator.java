package dev.hooklane.service.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * Logging for every service when no logback.xml is on the class path: one line per event on
 * stdout, as text by default or as JSON (logstash encoder) with {@code HOOKLANE_LOG_FORMAT=json},
 * control characters in logged values escaped in both so that no value can forge a line;
 * root level from {@code HOOKLANE_LOG_LEVEL} (default INFO). Chatty libraries log warnings only.
 */
@ConfiguratorRank(value = ConfiguratorRank.NOMINAL - 5)
public class LogConfigurator extends ContextAwareBase implements Configurator {

    private static final Map<String, Level> QUIET = Map.of(
            "org.apache.kafka", Level.WARN, "kafka", Level.WARN, "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN, "org.apache.hc", Level.WARN, "state.change.logger", Level.WARN,
            "io.cloudevents", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean json = "json".equalsIgnoreCase(System.getenv().getOrDefault("HOOKLANE_LOG_FORMAT", "text"));
        Level level = Level.toLevel(System.getenv().getOrDefault("HOOKLANE_LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT), Level.INFO);

        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("console");
        appender.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
        appender.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender);
        QUIET.forEach((name, quietLevel) -> context.getLogger(name).setLevel(quietLevel));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * The text line, its message and exception messages escaped: the escaping converters take the
     * standard conversion words, so that no pattern or call site has to ask for them.
     */
    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        for (String word : List.of("m", "msg", "message")) {
            layout.getInstanceConverterMap().put(word, EscapedMessageConverter::new);
        }
        for (String word : List.of("ex", "exception", "throwable")) {
            layout.getInstanceConverterMap().put(word, EscapedThrowableConverter::new);
        }
        layout.setPattern("%d{HH:mm:ss.SSS} %-5level %-28.28logger{24} %msg%n%ex");
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }
}
