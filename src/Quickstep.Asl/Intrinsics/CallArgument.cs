using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;

namespace Quickstep.Asl.Intrinsics;

/// <summary>A nested intrinsic call used as an argument.</summary>
internal sealed class CallArgument(IntrinsicExpression call) : IntrinsicArgument
{
    public override string Text => call.Text;

    public override Evaluated Evaluate(in EvaluationScope scope) => call.Evaluate(scope);
}
