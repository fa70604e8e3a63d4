package dev.hooklane.contracts.matching;

import dev.cel.common.CelErrorCode;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A filter expression ready to evaluate, immutable and safe to share between threads. Made by
 * {@link FilterExpression#compile(String)}.
 */
public final class CompiledExpression {

    private static final Pattern CEL_POSITION = Pattern.compile("evaluation error at <input>:(\\d+): (.*)", Pattern.DOTALL);

    private final String source;
    private final CelRuntime.Program program;

    CompiledExpression(String source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
    }

    /** Evaluates the expression over {@code event}: true, false, an error, or over its cost. */
    MatchVerdict evaluate(MatchInput event) {
        Object result;
        try {
            result = program.trace(event.variables(), new Budget());
        } catch (CelEvaluationException e) {
            if (e.getCause() instanceof Budget.Exceeded || e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
                return MatchVerdict.COST_EXCEEDED;
            }
            return MatchVerdict.expressionError(() -> message(e));
        }
        if (result instanceof Boolean matched) {
            return matched ? MatchVerdict.MATCHED : MatchVerdict.EXPRESSION_FALSE;
        }
        return MatchVerdict.expressionError(() -> "it gave a value of type " + typeName(result) + " where true or false was expected");
    }

    private static String typeName(Object value) {
        return switch (value) {
            case String text -> "string";
            case Long number -> "int";
            case Double number -> "double";
            case Map<?, ?> map -> "map";
            case List<?> list -> "list";
            case NullValue none -> "null";
            default -> value.getClass().getSimpleName();
        };
    }

    /** CEL's message with the position as a character count from 1 ("evaluation error at <input>:4: ..." names offset 4). */
    private static String message(CelEvaluationException e) {
        Matcher position = CEL_POSITION.matcher(String.valueOf(e.getMessage()));
        return position.matches() ? "at character " + (Integer.parseInt(position.group(1)) + 1) + ": " + position.group(2) : e.getMessage();
    }

    @Override
    public String toString() {
        return source;
    }

    /** Counts the steps of one evaluation and stops it at {@link FilterExpression#COST_LIMIT}. */
    private static final class Budget implements CelEvaluationListener {

        private int steps;

        @Override
        public void callback(CelExpr expr, Object evaluatedResult) {
            if (++steps > FilterExpression.COST_LIMIT) {
                throw new Exceeded();
            }
        }

        /** Thrown through the interpreter, which wraps it; it carries no stack, since it is an outcome. */
        private static final class Exceeded extends RuntimeException {

            private static final long serialVersionUID = 1L;

            Exceeded() {
                super("over the cost limit of " + FilterExpression.COST_LIMIT + " steps", null, false, false);
            }
        }
    }
}
