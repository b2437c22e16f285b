using Quickstep.Asl.Errors;
using Quickstep.Asl.Model;
using Quickstep.Asl.Validation;
using Quickstep.Json;

namespace Quickstep.Asl.Parsing;

/// <summary>Retry and Catch (asl-features.md §6.2, §6.3).</summary>
internal sealed partial class DefinitionParser
{
    private static readonly string[] RetrierFields = ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"];

    private List<Retrier> ParseRetry(in StateContext c) =>
        ParseHandlers(c, "Retry", "A Retrier must be an object.", (_, obj, pointer, isLast) => ParseRetrier(obj, pointer, isLast));

    private Retrier ParseRetrier(JObject obj, string pointer, bool isLast)
    {
        foreach (var (key, _) in obj)
        {
            if (Array.IndexOf(RetrierFields, key) < 0)
                Report(DiagnosticCodes.UnknownField, JsonPointer.Append(pointer, key), UnsupportedField(key));
        }

        var errors = ReadErrorEquals(obj, pointer, isLast);
        var backoff = 2.0;
        if (obj.TryGetValue("BackoffRate", out var rate))
        {
            var p = JsonPointer.Append(pointer, "BackoffRate");
            if (rate is not JNumber n)
                Report(DiagnosticCodes.InvalidType, p, "The field 'BackoffRate' must be a number.");
            else if (n.Value < 1.0)
                Report(DiagnosticCodes.OutOfRange, p, $"The field 'BackoffRate' must be at least 1.0, not {n.ToJsonText()}.");
            else
                backoff = n.Value;
        }

        return new Retrier
        {
            Pointer = pointer,
            ErrorEquals = errors,
            IntervalSeconds = ReadIntLiteral(obj, pointer, "IntervalSeconds", 1, 99999999) ?? 1,
            MaxAttempts = ReadIntLiteral(obj, pointer, "MaxAttempts", 0, 99999999) ?? 3,
            BackoffRate = backoff,
            MaxDelaySeconds = ReadIntLiteral(obj, pointer, "MaxDelaySeconds", 1, 31622400),
            JitterStrategy = ReadEnum(obj, pointer, "JitterStrategy", "FULL", "NONE") ?? "NONE",
            Comment = ReadString(obj, pointer, "Comment"),
        };
    }

    private List<Catcher> ParseCatch(in StateContext c, ScopeGraph scope) =>
        ParseHandlers(c, "Catch", "A Catcher must be an object.", (state, obj, pointer, isLast) => ParseCatcher(state, scope, obj, pointer, isLast));

    private Catcher ParseCatcher(StateContext c, ScopeGraph scope, JObject obj, string pointer, bool isLast)
    {
        foreach (var (key, _) in obj)
        {
            var p = JsonPointer.Append(pointer, key);
            switch (key)
            {
                case "ErrorEquals" or "Next" or "Assign" or "Comment":
                    break;
                case "ResultPath" when c.IsJsonata:
                case "Output" when !c.IsJsonata:
                    Report(DiagnosticCodes.FieldNotAllowedForQueryLanguage, p, WrongLanguageField(c.Language, key));
                    break;
                case "ResultPath" or "Output":
                    break;
                default:
                    Report(DiagnosticCodes.UnknownField, p, UnsupportedField(key));
                    break;
            }
        }

        var errors = ReadErrorEquals(obj, pointer, isLast);
        if (!obj.ContainsKey("Next"))
            Report(DiagnosticCodes.MissingField, pointer, "These fields are required: [Next]");
        var next = ReadString(obj, pointer, "Next");
        if (next is not null)
            scope.AddTransition(c.Name, next, JsonPointer.Append(pointer, "Next"));

        return new Catcher
        {
            Pointer = pointer,
            ErrorEquals = errors,
            Next = next ?? "",
            ResultPath = c.IsJsonata ? null : ReadPathOrNull(obj["ResultPath"], JsonPointer.Append(pointer, "ResultPath"), "ResultPath", PathKind.Result),
            Output = c.IsJsonata ? ReadJsonataValue(obj["Output"], JsonPointer.Append(pointer, "Output")) : null,
            Assign = ReadAssign(obj["Assign"], JsonPointer.Append(pointer, "Assign"), c.Language),
            Comment = ReadString(obj, pointer, "Comment"),
        };
    }

    /// <summary>The Retriers or Catchers of a state, in order; an item that is not an object is reported and skipped.</summary>
    private List<T> ParseHandlers<T>(in StateContext c, string field, string notObject, Func<StateContext, JObject, string, bool, T> parse)
    {
        var items = ReadHandlerArray(c, field);
        if (items is null)
            return [];
        var handlers = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var pointer = JsonPointer.Append(c.PointerTo(field), i);
            if (items[i] is JObject obj)
                handlers.Add(parse(c, obj, pointer, i == items.Count - 1));
            else
                Report(DiagnosticCodes.InvalidType, pointer, notObject);
        }

        return handlers;
    }

    private JArray? ReadHandlerArray(in StateContext c, string field) => ReadTyped<JArray>(c.Get(field), c.Pointer, field, "an array");

    /// <summary>ErrorEquals: a non-empty array of strings; States.ALL alone and only in the last Retrier/Catcher.</summary>
    private List<string> ReadErrorEquals(JObject obj, string pointer, bool isLast)
    {
        var errors = new List<string>();
        if (ReadRequired<JArray>(obj["ErrorEquals"], pointer, "ErrorEquals", "an array of strings") is not { } array)
            return errors;
        var p = JsonPointer.Append(pointer, "ErrorEquals");
        if (array.Count == 0)
            Report(DiagnosticCodes.EmptyArray, p, "The field 'ErrorEquals' must contain at least one error name.");
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JString s)
                errors.Add(s.Value);
            else
                Report(DiagnosticCodes.InvalidType, JsonPointer.Append(p, i), "Each error name in 'ErrorEquals' must be a string.");
        }

        if (errors.Contains(StatesErrors.All))
        {
            if (array.Count > 1)
                Report(DiagnosticCodes.StatesAllNotAlone, p, "States.ALL must be the only error name in its 'ErrorEquals'.");
            if (!isLast)
                Report(DiagnosticCodes.StatesAllNotLast, p, "A Retrier or Catcher with States.ALL must be the last one.");
        }

        return errors;
    }
}
