using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;

namespace Quickstep.Asl.Intrinsics;

/// <summary>
/// A compiled intrinsic function call (or nested calls), e.g. <c>States.Format('{}', $.a)</c>.
/// Evaluation failures are <see cref="StatesError"/> values with AWS's error name and cause.
/// </summary>
internal abstract class IntrinsicExpression
{
    public abstract string Text { get; }

    public abstract Evaluated Evaluate(in EvaluationScope scope);
}
