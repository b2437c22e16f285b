using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.UUID()</c>: a version 4 UUID from the injected services, lowercase with hyphens.</summary>
internal sealed class UuidFunction(string text, IntrinsicArgument[] args)
    : IntrinsicCall("States.UUID", text, args, [])
{
    public override Evaluated Evaluate(in EvaluationScope scope) => JString.Create(scope.Services.NewGuid().ToString("D"));
}
