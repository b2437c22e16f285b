using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Plan;

/// <summary>
/// The S3 resource a Distributed Map's ItemReader or ResultWriter calls: its handler and its Parameters (JSONPath)
/// or Arguments (JSONata), compiled and called the same way by both.
/// </summary>
internal sealed class MapIoResource
{
    private readonly PayloadTemplate? _parameters;
    private readonly JsonataTemplate? _arguments;

    public MapIoResource(JObject model, IReadOnlyList<IResourceHandler> handlers, bool jsonata, ExpressionTable expressions)
    {
        Resource = model["Resource"] is JString r ? r.Value : null;
        if (Resource is not null)
            Handler = ResourceHandlers.For(handlers, Resource);
        if (jsonata && model["Arguments"] is { } arguments)
            _arguments = JsonataTemplate.Compile(arguments, "Arguments", expressions);
        else if (!jsonata && model["Parameters"] is { } parameters)
            _parameters = PayloadTemplate.Compile(parameters, expressions);
    }

    /// <summary>The Resource field; null when absent.</summary>
    public string? Resource { get; }

    /// <summary>The handler serving <see cref="Resource"/>; null when none does.</summary>
    public IResourceHandler? Handler { get; }

    /// <summary>The evaluated Parameters or Arguments, or <paramref name="absent"/> when neither is given.</summary>
    public Evaluated Parameters(in EvaluationScope scope, JValue absent) =>
        _arguments is not null ? _arguments.Evaluate(scope) : _parameters is not null ? _parameters.Evaluate(scope) : absent;

    /// <summary>One call of <paramref name="resource"/> through <see cref="Handler"/> (checked by the caller), on behalf of the Map state.</summary>
    public ValueTask<TaskResult> CallAsync(Execution x, string stateName, string resource, JObject parameters)
    {
        var request = new TaskRequest(resource, parameters, stateName, x.Machine.Name, x.Arn, 0) { TestCase = x.TestCase };
        return Handler!.InvokeAsync(request, x.Abort);
    }
}
