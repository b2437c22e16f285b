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
        var states = new JObjectBuilder(4);
        states.AddUnique("input", scope.Input);
        states.AddUnique("context", scope.Context);
        if (scope.Result is not null)
            states.AddUnique("result", scope.Result);
        if (scope.ErrorOutput is not null)
            states.AddUnique("errorOutput", scope.ErrorOutput);
        var root = new Frame(new JsonataRoot(null, scope.Variables));
        root.Bind("states", states.Build());
        return Run(null, root, scope.Services ?? DefaultEvaluationServices.Shared, EvaluationLimits.Default);
    }

    internal JValue? Evaluate(JValue? input, IReadOnlyDictionary<string, JValue>? bindings, IEvaluationServices? services, EvaluationLimits limits)
    {
        var root = new Frame(new JsonataRoot(bindings, null));
        return Run(input, root, services ?? DefaultEvaluationServices.Shared, limits);
    }

    private JValue? Run(JValue? input, Frame root, IEvaluationServices services, EvaluationLimits limits)
    {
        root.Bind("$", input);
        var evalInput = input is JArray ? new Seq(true, 1) { OuterWrapper = true } : input;
        if (evalInput is Seq w)
            w.Add(input);
        var evaluator = new Evaluator(services, limits);
        try
        {
            var result = evaluator.Eval(_ast, evalInput, root);
            return Evaluator.ToStored(result);
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
