using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>A parsed JSONata expression, reusable and thread-safe.</summary>
public sealed class JsonataExpression
{
    private readonly Node _ast;

    private JsonataExpression(string text, Node ast)
    {
        Text = text;
        _ast = ast;
    }

    public string Text { get; }

    /// <summary>Parses; throws <see cref="JsonataException"/> on a syntax error.</summary>
    /// <summary>Test hook: when set on a thread, every parse on that thread appends its text (a test counts parses per load).</summary>
    [ThreadStatic]
    private static List<string>? t_trace;

    internal static List<string>? Trace
    {
        get => t_trace;
        set => t_trace = value;
    }

    public static JsonataExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        t_trace?.Add(text);
        return new JsonataExpression(text, AstProcessor.Process(Parser.Parse(text)));
    }

    /// <summary>
    /// Evaluates against <paramref name="input"/> with extra variable <paramref name="bindings"/>; returns null
    /// for JSONata's "undefined" (and for a function result, as JSON.stringify would). Throws
    /// <see cref="JsonataException"/> on evaluation errors and when a limit is exceeded.
    /// </summary>
    public JValue? Evaluate(JValue? input, IReadOnlyDictionary<string, JValue>? bindings = null, IJsonataServices? services = null, EvaluationLimits? limits = null)
    {
        var evaluator = new Evaluator(services ?? SystemServices.Instance, limits ?? EvaluationLimits.Default);
        evaluator.SetRoot(input, bindings);
        return Run(input, evaluator);
    }

    /// <summary>
    /// Evaluates with the variables a host binds (<paramref name="root"/>) for a host that needs JSON: a
    /// result that is a function throws <see cref="JsonataException"/> with <see cref="UnsupportedResultCode"/>.
    /// </summary>
    public JValue? Evaluate(JValue? input, IJsonataBindings root, IJsonataServices? services = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var evaluator = new Evaluator(services ?? SystemServices.Instance, EvaluationLimits.Default);
        evaluator.SetRoot(input, root);
        return Run(input, evaluator, rejectFunctions: true);
    }

    /// <summary>The code <see cref="Evaluate(JValue?, IJsonataBindings, IJsonataServices?)"/> throws when the expression yields a function, which has no JSON form.</summary>
    public const string UnsupportedResultCode = "Q0001";

    private JValue? Run(JValue? input, Evaluator evaluator, bool rejectFunctions = false)
    {
        var root = new Frame(evaluator);
        var evalInput = input is JArray ? new Seq(true, 1) { OuterWrapper = true } : input;
        if (evalInput is Seq w)
            w.Add(input);
        try
        {
            var result = evaluator.Eval(_ast, evalInput, root);
            if (rejectFunctions && result is JsonataFunction)
                throw new JsonataException(UnsupportedResultCode, "The expression returned a function, which has no JSON value.");
            return evaluator.ToOutput(result);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JsonataException("U1001", "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.");
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new JsonataException("U1001", "Regular expression evaluation timeout");
        }
    }
}
