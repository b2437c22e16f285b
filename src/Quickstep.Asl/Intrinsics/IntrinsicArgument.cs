using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;

namespace Quickstep.Asl.Intrinsics;

/// <summary>One compiled argument of an intrinsic call: a literal, a path, or a nested call (<see cref="IntrinsicExpression"/>).</summary>
internal abstract class IntrinsicArgument
{
    public abstract string Text { get; }

    public abstract Evaluated Evaluate(in EvaluationScope scope);
}
