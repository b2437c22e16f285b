using System.Text;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary>
/// <c>States.Format(template, v1, …)</c>: each <c>{}</c> takes the next value; strings print bare, other
/// values as AWS's Java runtime prints them (an object prints as <c>{k=v, …}</c>: conformance case
/// intrinsic_functions/test_generic/test_context_json_path). A literal template is split at parse time.
/// </summary>
internal sealed class FormatFunction : IntrinsicCall
{
    private const string FunctionName = "States.Format";

    private readonly string[]? _pieces;

    public FormatFunction(string text, IntrinsicArgument[] args)
        : base(FunctionName, text, args)
    {
        CheckCount(FunctionName, args, 1, int.MaxValue);
        CheckLiteral(FunctionName, args, 0, ArgumentKind.String);
        if (args[0] is LiteralArgument template)
        {
            var value = ((JString)template.Value).Value;
            var slots = template.Placeholders;
            if (slots.Length != args.Length - 1)
                throw new IntrinsicSyntaxException($"The template of {FunctionName} has {slots.Length} '{{}}' placeholder{(slots.Length == 1 ? string.Empty : "s")} but {args.Length - 1} value{(args.Length == 2 ? " was" : "s were")} given.");
            _pieces = new string[slots.Length + 1];
            var from = 0;
            for (var i = 0; i < slots.Length; i++)
            {
                _pieces[i] = value[from..slots[i]];
                from = slots[i] + 2;
            }

            _pieces[^1] = value[from..];
        }
    }

    public override Evaluated Evaluate(in EvaluationScope scope)
    {
        StatesError? error = null;
        var pieces = _pieces ?? Split(StringArg(0, scope, ref error));
        if (error is not null)
            return error;
        if (pieces.Length != Args.Length)
            return Failure(IntrinsicErrors.Invalid(Name, $"the template has {pieces.Length - 1} '{{}}' placeholders but {Args.Length - 1} values were given"));
        var sb = new StringBuilder(pieces[0]);
        for (var i = 1; i < pieces.Length; i++)
        {
            sb.Append(JavaText.ToJavaString(Arg(i, scope, ref error)));
            sb.Append(pieces[i]);
            if (sb.Length > BuildLimit.MaxBytes)
                return BuildLimit.Exceeded();
        }

        return error is null ? JString.Create(sb.ToString()) : error;
    }

    private static string[] Split(string template)
    {
        var pieces = new List<string>();
        var from = 0;
        while (true)
        {
            var at = template.IndexOf("{}", from, StringComparison.Ordinal);
            if (at < 0)
                break;
            pieces.Add(template[from..at]);
            from = at + 2;
        }

        pieces.Add(template[from..]);
        return [.. pieces];
    }
}
