using System.Text;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.Base64Decode(s)</c>: the UTF-8 text of base64 data; the input is limited to 10,000 characters (AWS).</summary>
internal sealed class Base64DecodeFunction(string text, IntrinsicArgument[] args)
    : TypedIntrinsicCall("States.Base64Decode", text, args, [ArgumentKind.String])
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        var s = args.String(0);
        if (s.Length > Base64EncodeFunction.MaxLength)
            return Failure(IntrinsicErrors.Invalid(Name, $"the input has {s.Length} characters, more than the limit of {Base64EncodeFunction.MaxLength}"));
        var bytes = new byte[(s.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(s, bytes, out var written))
            return Failure(IntrinsicErrors.Invalid(Name, "the input is not valid base64"));
        try
        {
            return JString.Create(StrictUtf8.GetString(bytes, 0, written));
        }
        catch (DecoderFallbackException)
        {
            return Failure(IntrinsicErrors.Invalid(Name, "the decoded bytes are not UTF-8 text"));
        }
    }
}
