using Quickstep.Asl.Compilation;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics;

/// <summary>A nested intrinsic call used as an argument.</summary>
internal sealed class CallArgument(IntrinsicExpression call) : IntrinsicArgument
{
    public override string Text => call.Text;

    public override JValue Evaluate(in EvaluationScope scope) => call.Evaluate(scope);
}
