namespace Quickstep.Engine.Plan;

/// <summary>
/// What Task and Parallel (and Map, its result half) compile alike around their work: Parameters (JSONPath) or
/// Arguments (JSONata) before it, ResultSelector and ResultPath (JSONPath) after it. A struct held inline by
/// the state, so reading a step costs what reading the state's own field did.
/// </summary>
internal readonly struct PayloadSteps
{
    public PayloadSteps(bool jsonata, JValue? parameters, JValue? arguments, JValue? resultSelector, JValue? resultPath, ExpressionTable expressions)
    {
        if (jsonata)
        {
            if (arguments is not null)
                Arguments = JsonataTemplate.Compile(arguments, "Arguments", expressions);
            return;
        }

        if (parameters is not null)
            Parameters = PayloadTemplate.Compile(parameters, expressions);
        if (resultSelector is not null)
            ResultSelector = PayloadTemplate.Compile(resultSelector, expressions);
        ResultPath = ResultStep.Compile(resultPath, expressions);
    }

    public PayloadTemplate? Parameters { get; }

    public JsonataTemplate? Arguments { get; }

    public PayloadTemplate? ResultSelector { get; }

    public ResultStep? ResultPath { get; }
}
