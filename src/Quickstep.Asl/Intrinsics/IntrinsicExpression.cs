using Quickstep.Asl.Compilation;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics;

/// <summary>
/// A compiled intrinsic function call (or nested calls), e.g. <c>States.Format('{}', $.a)</c>.
/// Evaluation failures throw <see cref="Errors.StatesException"/> with AWS's error name and cause.
/// </summary>
public abstract class IntrinsicExpression
{
    public abstract string Text { get; }

    public abstract JValue Evaluate(in EvaluationScope scope);
}
