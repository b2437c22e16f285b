using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics;

/// <summary>
/// A literal: <c>'string'</c> (escapes already resolved), a number, <c>true</c>, <c>false</c> or <c>null</c>.
/// For strings, <see cref="Placeholders"/> holds where each unescaped <c>{}</c> starts in <see cref="Value"/>
/// (an escaped <c>\{\}</c> is text, not a States.Format slot).
/// </summary>
internal sealed class LiteralArgument(JValue value, string text, int[]? placeholders) : IntrinsicArgument
{
    public JValue Value { get; } = value;

    public int[] Placeholders { get; } = placeholders ?? [];

    public override string Text { get; } = text;

    public override Evaluated Evaluate(in EvaluationScope scope) => Value;
}
