using Quickstep.Json;

namespace Quickstep.Asl.Compilation;

/// <summary>
/// What an expression can see while a state runs: the JSONPath roots <c>$</c> (Input) and <c>$$</c>
/// (Context), workflow variables, and for JSONata the <c>$states</c> fields (input, result,
/// errorOutput, context). Built once per evaluation site, on the stack.
/// </summary>
internal readonly struct EvaluationScope
{
    public EvaluationScope(JValue input, JValue context, IVariableScope? variables, IEvaluationServices services)
        : this(input, context, variables, services, null, null)
    {
    }

    /// <summary>JSONPath <c>$</c>; JSONata <c>$states.input</c>.</summary>
    public JValue Input { get; init; }

    /// <summary>JSONPath <c>$$</c>; JSONata <c>$states.context</c>.</summary>
    public JValue Context { get; init; }

    public IVariableScope? Variables { get; init; }

    public IEvaluationServices Services { get; init; }

    /// <summary>JSONata <c>$states.result</c> (state-level Output/Assign of Task, Map, Parallel), else null.</summary>
    public JValue? Result { get; init; }

    /// <summary>JSONata <c>$states.errorOutput</c> (Catcher Output/Assign), else null.</summary>
    public JValue? ErrorOutput { get; init; }

    public EvaluationScope WithInput(JValue input) => new(input, Context, Variables, Services, Result, ErrorOutput);

    public EvaluationScope WithResult(JValue result) => new(Input, Context, Variables, Services, result, ErrorOutput);

    public EvaluationScope WithErrorOutput(JValue errorOutput) => new(Input, Context, Variables, Services, Result, errorOutput);

    /// <summary>The With* copies go through here, field by field: a whole-struct copy (<c>with</c>) of a scope just written reads it back wider than it was stored, which stalls the CPU (store forwarding).</summary>
    private EvaluationScope(JValue input, JValue context, IVariableScope? variables, IEvaluationServices services, JValue? result, JValue? errorOutput)
    {
        Input = input;
        Context = context;
        Variables = variables;
        Services = services;
        Result = result;
        ErrorOutput = errorOutput;
    }
}
