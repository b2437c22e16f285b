using System.Security.Cryptography;
using System.Text;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary>
/// <c>States.Hash(data, algorithm)</c>: lowercase hex digest of the UTF-8 text (a non-string is hashed as its
/// JSON text); algorithms MD5, SHA-1, SHA-256, SHA-384, SHA-512; data up to 10,000 characters (AWS).
/// </summary>
internal sealed class HashFunction : TypedIntrinsicCall
{
    private const string FunctionName = "States.Hash";

    public HashFunction(string text, IntrinsicArgument[] args)
        : base(FunctionName, text, args, [ArgumentKind.Any, ArgumentKind.String])
    {
        if (args[1] is LiteralArgument { Value: JString alg } && !IsAlgorithm(alg.Value))
            throw new IntrinsicSyntaxException($"The algorithm of {FunctionName} must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, not '{alg.Value}'.");
    }

    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        var data = args[0];
        var algorithm = args.String(1);
        var text = data is JString s ? s.Value : JsonText.Serialize(data);
        if (text.Length > Base64EncodeFunction.MaxLength)
            return Failure(IntrinsicErrors.Invalid(Name, $"the data has {text.Length} characters, more than the limit of {Base64EncodeFunction.MaxLength}"));
        var bytes = Encoding.UTF8.GetBytes(text);
        byte[]? digest = algorithm switch
        {
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are part of the States.Hash contract, not used for security here.
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
#pragma warning restore CA5350, CA5351
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => null,
        };
        if (digest is null)
            return Failure(IntrinsicErrors.Invalid(Name, $"the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was '{algorithm}'"));
        return JString.Create(Convert.ToHexStringLower(digest));
    }

    private static bool IsAlgorithm(string name) => name is "MD5" or "SHA-1" or "SHA-256" or "SHA-384" or "SHA-512";
}
