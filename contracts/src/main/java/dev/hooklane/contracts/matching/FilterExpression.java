package dev.hooklane.contracts.matching;

import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;

/**
 * The language of subscription filter expressions: <a href="https://cel.dev">CEL</a> over the event,
 * with the variables {@code type}, {@code source}, {@code subject} ({@code ""} when the event has
 * none), {@code tenant} (strings), {@code time} (a timestamp) and {@code data} (the JSON data at any
 * depth: objects are maps, arrays are lists, numbers are {@code int} when whole and {@code double}
 * otherwise). The standard macros ({@code has}, {@code all}, {@code exists}, {@code exists_one},
 * {@code map}, {@code filter}) and the string extensions ({@code lowerAscii}, {@code split},
 * {@code trim}, ...) are available; {@code int} and {@code double} compare with each other.
 *
 * <p>Limits: an expression has at most {@value #MAX_LENGTH} characters and nests at most
 * {@value #MAX_NESTING} levels deep, and its type must be {@code bool} (or {@code dyn}, checked
 * when evaluated). One evaluation may take at most {@value #COST_LIMIT} steps (every operator,
 * function call, field selection, variable and literal evaluated counts one; a macro counts its
 * body once per element) and {@value #MAX_ITERATIONS} macro iterations; beyond either it stops and
 * the event does not match.
 */
public final class FilterExpression {

    /** Most characters of an expression. */
    public static final int MAX_LENGTH = 2_000;
    /** Deepest nesting of an expression (parentheses, calls, operators). */
    public static final int MAX_NESTING = 32;
    /** Most evaluation steps of one evaluation. */
    public static final int COST_LIMIT = 10_000;
    /** Most macro iterations (all, exists, map, filter, ...) of one evaluation, nested ones included. */
    public static final int MAX_ITERATIONS = 1_000;
    /** Largest regular expression program ({@code matches}), as RE2 measures it. */
    public static final int MAX_REGEX_SIZE = 1_000;
    private static final int MAX_ISSUES = 5;

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .maxExpressionCodePointSize(MAX_LENGTH)
            .maxParseRecursionDepth(MAX_NESTING)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .maxRegexProgramSize(MAX_REGEX_SIZE)
            .build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings())
            .addVar("type", SimpleType.STRING)
            .addVar("source", SimpleType.STRING)
            .addVar("subject", SimpleType.STRING)
            .addVar("time", SimpleType.TIMESTAMP)
            .addVar("tenant", SimpleType.STRING)
            .addVar("data", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings())
            .build();

    private FilterExpression() {
    }

    /**
     * Parses and type-checks {@code source} and plans its evaluation.
     *
     * @throws InvalidExpressionException with the position and message of each problem found
     */
    public static CompiledExpression compile(String source) throws InvalidExpressionException {
        if (source.isBlank()) {
            throw new InvalidExpressionException(List.of(new InvalidExpressionException.Issue(1, 1, "is empty")));
        }
        if (source.codePointCount(0, source.length()) > MAX_LENGTH) {
            throw new InvalidExpressionException(List.of(new InvalidExpressionException.Issue(1, 1,
                    "has more than " + MAX_LENGTH + " characters")));
        }
        CelValidationResult result = COMPILER.compile(source);
        if (result.hasError()) {
            throw new InvalidExpressionException(result.getErrors().stream().limit(MAX_ISSUES).map(FilterExpression::issue).toList());
        }
        try {
            return new CompiledExpression(source, RUNTIME.createProgram(result.getAst()));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new InvalidExpressionException(List.of(new InvalidExpressionException.Issue(1, 1, e.getMessage())));
        }
    }

    private static InvalidExpressionException.Issue issue(CelIssue issue) {
        // CEL counts lines from 1 and columns from 0; both are given from 1.
        int line = Math.max(1, issue.getSourceLocation().getLine());
        int column = Math.max(0, issue.getSourceLocation().getColumn()) + 1;
        return new InvalidExpressionException.Issue(line, column, issue.getMessage());
    }
}
