using Quickstep.Asl.Compilation;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics;

/// <summary>One compiled argument of an intrinsic call: a literal, a path, or a nested call.</summary>
internal abstract class IntrinsicArgument
{
    public abstract string Text { get; }

    public abstract JValue Evaluate(in EvaluationScope scope);
}
