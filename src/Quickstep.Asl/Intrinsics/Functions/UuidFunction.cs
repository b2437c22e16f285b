using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.UUID()</c>: a version 4 UUID from the injected services, lowercase with hyphens.</summary>
internal sealed class UuidFunction : IntrinsicCall
{
    private const string FunctionName = "States.UUID";

    public UuidFunction(string text, IntrinsicArgument[] args)
        : base(FunctionName, text, args) => CheckCount(FunctionName, args, 0, 0);

    public override Evaluated Evaluate(in EvaluationScope scope) => JString.Create(scope.Services.NewGuid().ToString("D"));
}
