using System.Runtime.CompilerServices;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics;

/// <summary>
/// Base of the compiled intrinsic functions (one sealed class per function): arity and literal checks at
/// parse time. Most functions derive from <see cref="TypedIntrinsicCall"/>, which evaluates and checks their
/// arguments; the variadic ones (States.Array, States.Format) evaluate their own through <see cref="Arg"/>.
/// </summary>
internal abstract class IntrinsicCall : IntrinsicExpression
{
    private readonly string _text;

    protected IntrinsicCall(string name, string text, IntrinsicArgument[] args)
    {
        Name = name;
        _text = text;
        Args = args;
    }

    /// <summary>A call taking <paramref name="parameters"/>, of which the last <paramref name="optional"/> may be left out: arity and literal types are checked here, once.</summary>
    protected IntrinsicCall(string name, string text, IntrinsicArgument[] args, ReadOnlySpan<ArgumentKind> parameters, int optional = 0)
        : this(name, text, args)
    {
        CheckCount(name, args, parameters.Length - optional, parameters.Length);
        for (var i = 0; i < parameters.Length; i++)
            CheckLiteral(name, args, i, parameters[i]);
    }

    public string Name { get; }

    public override string Text => _text;

    protected IntrinsicArgument[] Args { get; }

    protected static void CheckCount(string name, IntrinsicArgument[] args, int min, int max)
    {
        if (args.Length >= min && args.Length <= max)
            return;
        var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
        throw new IntrinsicSyntaxException($"The function {name} takes {expected} argument{(min == 1 && max == 1 ? string.Empty : "s")}, but {args.Length} were given.");
    }

    /// <summary>Rejects a literal argument whose type can never be right (AWS refuses such definitions).</summary>
    protected static void CheckLiteral(string name, IntrinsicArgument[] args, int index, ArgumentKind kind)
    {
        if (index >= args.Length || args[index] is not LiteralArgument literal || Accepts(kind, literal.Value))
            return;
        var what = kind is ArgumentKind.Array or ArgumentKind.Object
            ? $"{IntrinsicErrors.Describe(kind)}, given by a path or an intrinsic function"
            : IntrinsicErrors.Describe(kind);
        throw new IntrinsicSyntaxException($"The {IntrinsicErrors.Ordinal(index)} argument of {name} must be {what}, not the literal {literal.Text}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static bool Accepts(ArgumentKind kind, JValue value) => kind switch
    {
        ArgumentKind.String => value is JString,
        ArgumentKind.Number => value is JNumber,
        ArgumentKind.Integer => value is JNumber n && n.IsIntegral,
        ArgumentKind.Boolean => value is JBool,
        ArgumentKind.Array => value is JArray,
        ArgumentKind.Object => value is JObject,
        _ => true,
    };

    /// <summary>
    /// Argument <paramref name="index"/>; once <paramref name="error"/> holds a failure, the remaining
    /// arguments are not evaluated and a placeholder is returned (the caller returns the error).
    /// </summary>
    protected JValue Arg(int index, in EvaluationScope scope, ref StatesError? error)
    {
        if (error is not null)
            return JValue.Null;
        var r = Args[index].Evaluate(scope);
        if (!r.Failed)
            return r.Value;
        error = r.Error;
        return JValue.Null;
    }

    protected string StringArg(int index, in EvaluationScope scope, ref StatesError? error)
    {
        var value = Arg(index, scope, ref error);
        if (error is null && value is not JString)
            error = Failure(IntrinsicErrors.WrongType(Name, index, ArgumentKind.String, value));
        return value is JString s ? s.Value : string.Empty;
    }

    protected static StatesError Failure(string cause) => new(StatesErrors.IntrinsicFailure, cause);
}
