using Quickstep.Asl.Compilation;
using Quickstep.Asl.Json;

namespace Quickstep.Asl.Jsonata;

/// <summary>A parsed JSONata expression, reusable and thread-safe. CONTRACT STUB: signatures are fixed.</summary>
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
    public static JsonataExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonataExpression(text, AstProcessor.Process(Parser.Parse(text)));
    }

    /// <summary>
    /// Evaluates against <paramref name="input"/> with extra variable <paramref name="bindings"/>; returns null
    /// for JSONata's "undefined". Throws <see cref="JsonataException"/> on evaluation errors.
    /// </summary>
    public JValue? Evaluate(JValue? input, IReadOnlyDictionary<string, JValue>? bindings = null, IEvaluationServices? services = null) =>
        Evaluate(input, bindings, services, EvaluationLimits.Default);

    /// <summary>
    /// Evaluates inside a state: no input document, <c>$states</c> bound from the scope (input, context,
    /// and result/errorOutput where set), other <c>$name</c> looked up in the scope's variables.
    /// </summary>
    public JValue? Evaluate(in EvaluationScope scope)
    {
        var evaluator = new Evaluator(scope.Services ?? DefaultEvaluationServices.Shared, EvaluationLimits.Default);
        evaluator.SetRoot(in scope);
        return Run(null, evaluator, rejectFunctions: true);
    }

    /// <summary>The code <see cref="Evaluate(in EvaluationScope)"/> throws when a state's expression yields a function, which has no JSON form.</summary>
    public const string UnsupportedResultCode = "Q0001";

    internal JValue? Evaluate(JValue? input, IReadOnlyDictionary<string, JValue>? bindings, IEvaluationServices? services, EvaluationLimits limits)
    {
        var evaluator = new Evaluator(services ?? DefaultEvaluationServices.Shared, limits);
        evaluator.SetRoot(input, bindings);
        return Run(input, evaluator);
    }

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
