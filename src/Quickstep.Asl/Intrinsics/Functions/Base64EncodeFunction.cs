using System.Text;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.Base64Encode(s)</c>: base64 of the UTF-8 bytes; the input is limited to 10,000 characters (AWS).</summary>
internal sealed class Base64EncodeFunction(string text, IntrinsicArgument[] args)
    : TypedIntrinsicCall("States.Base64Encode", text, args, [ArgumentKind.String])
{
    public const int MaxLength = 10_000;

    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        var s = args.String(0);
        if (s.Length > MaxLength)
            return Failure(IntrinsicErrors.Invalid(Name, $"the input has {s.Length} characters, more than the limit of {MaxLength}"));
        return JString.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(s)));
    }
}
