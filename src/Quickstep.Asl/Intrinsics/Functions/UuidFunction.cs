using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.UUID()</c>: a version 4 UUID from the injected services, lowercase with hyphens.</summary>
internal sealed class UuidFunction(string text, IntrinsicArgument[] args)
    : TypedIntrinsicCall("States.UUID", text, args, [])
{
    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope) => JString.Create(scope.Services.NewGuid().ToString("D"));
}
