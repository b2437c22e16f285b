using Quickstep.Asl.Model;
using Quickstep.Asl.Validation;
using Quickstep.Json;

namespace Quickstep.Asl.Parsing;

/// <summary>Choice states and their rules (asl-features.md §1.5, §5).</summary>
internal sealed partial class DefinitionParser
{
    private ChoiceState ParseChoice(in StateContext c, CommonFields common, ScopeGraph scope)
    {
        var rules = new List<ChoiceRule>();
        var p = c.PointerTo("Choices");
        if (ReadRequiredArray(c, "Choices", "The field 'Choices' must contain at least one rule.") is { } array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var rule = ParseRule(c, array[i], JsonPointer.Append(p, i), topLevel: true);
                if (rule is null)
                    continue;
                rules.Add(rule);
                if (rule.Next is not null)
                    scope.AddTransition(c.Name, rule.Next, JsonPointer.Append(rule.Pointer, "Next"));
            }
        }

        var defaultState = ReadString(c.Obj, c.Pointer, "Default");
        if (defaultState is not null)
            scope.AddTransition(c.Name, defaultState, c.PointerTo("Default"));

        return new ChoiceState
        {
            Common = common,
            Choices = rules,
            Default = defaultState,
        };
    }

    private ChoiceRule? ParseRule(in StateContext c, JValue value, string pointer, bool topLevel)
    {
        if (value is not JObject obj)
        {
            Report(DiagnosticCodes.InvalidType, pointer, "A Choice rule must be an object.");
            return null;
        }

        return c.IsJsonata ? ParseJsonataRule(c, obj, pointer) : ParseJsonPathRule(c, obj, pointer, topLevel);
    }

    private ChoiceRule ParseJsonataRule(in StateContext c, JObject obj, string pointer)
    {
        foreach (var (key, _) in obj)
        {
            if (key is "Condition" or "Next" or "Assign" or "Output" or "Comment")
                continue;
            var code = key is "Variable" or "And" or "Or" or "Not" || ChoiceOperators.TryGet(key, out _)
                ? DiagnosticCodes.FieldNotAllowedForQueryLanguage
                : DiagnosticCodes.UnknownField;
            Report(code, JsonPointer.Append(pointer, key), code == DiagnosticCodes.UnknownField
                ? UnsupportedField(key)
                : WrongLanguageField(QueryLanguage.JSONata, key));
        }

        RequireFields(obj, pointer, "Condition", "Next");
        var condition = obj["Condition"];
        var conditionPointer = JsonPointer.Append(pointer, "Condition");
        if (condition is JString s && IsJsonataExpression(s.Value))
            CheckJsonataString(s.Value, conditionPointer);
        else if (condition is not null && !condition.IsBool)
            Report(DiagnosticCodes.InvalidType, conditionPointer, "The field 'Condition' must be a boolean or a JSONata expression.");

        return new ChoiceRule
        {
            Pointer = pointer,
            Next = ReadString(obj, pointer, "Next"),
            Comment = ReadString(obj, pointer, "Comment"),
            Condition = condition,
            Assign = ReadAssign(obj["Assign"], JsonPointer.Append(pointer, "Assign"), QueryLanguage.JSONata),
            Output = ReadJsonataValue(obj["Output"], JsonPointer.Append(pointer, "Output")),
        };
    }

    private ChoiceRule ParseJsonPathRule(in StateContext c, JObject obj, string pointer, bool topLevel)
    {
        string? op = null;
        OperandKind opKind = default;
        JValue? operand = null;
        var operators = 0;
        foreach (var (key, item) in obj)
        {
            var p = JsonPointer.Append(pointer, key);
            if (ChoiceOperators.TryGet(key, out var kind))
            {
                operators++;
                if (op is null)
                {
                    op = key;
                    opKind = kind;
                    operand = item;
                }

                continue;
            }

            switch (key)
            {
                case "And" or "Or" or "Not":
                    operators++;
                    break;
                case "Variable" or "Comment":
                    break;
                case "Next" or "Assign":
                    if (!topLevel)
                        Report(DiagnosticCodes.FieldNotAllowed, p, $"Field '{key}' is only allowed on top-level Choice rules, not inside And/Or/Not.");
                    break;
                case "Condition" or "Output":
                    Report(DiagnosticCodes.FieldNotAllowedForQueryLanguage, p, WrongLanguageField(QueryLanguage.JSONPath, key));
                    break;
                default:
                    Report(DiagnosticCodes.UnknownField, p, UnsupportedField(key));
                    break;
            }
        }

        // Language-service wording: "Each Choice Rule can only have one comparison operator".
        if (operators == 0)
            Report(DiagnosticCodes.MissingComparisonOperator, pointer, "A Choice rule must have a comparison operator, or And, Or or Not.");
        else if (operators > 1)
            Report(DiagnosticCodes.MultipleComparisonOperators, pointer, "Each Choice Rule can only have one comparison operator.");

        if (topLevel && !obj.ContainsKey("Next"))
            Report(DiagnosticCodes.MissingField, pointer, "These fields are required: [Next]");

        var variable = ReadString(obj, pointer, "Variable");
        if (op is not null)
        {
            if (!obj.ContainsKey("Variable"))
                Report(DiagnosticCodes.MissingField, pointer, "These fields are required: [Variable]");
            else if (variable is not null)
                CheckPath(variable, JsonPointer.Append(pointer, "Variable"), "Variable", PathKind.Path);
            CheckOperand(op, opKind, operand!, JsonPointer.Append(pointer, op));
        }
        else if (obj.ContainsKey("Variable") && operators > 0)
        {
            Report(DiagnosticCodes.FieldNotAllowed, JsonPointer.Append(pointer, "Variable"), "Field 'Variable' is not allowed on an And, Or or Not rule.");
        }

        return new ChoiceRule
        {
            Pointer = pointer,
            Next = topLevel ? ReadString(obj, pointer, "Next") : null,
            Comment = ReadString(obj, pointer, "Comment"),
            Variable = variable,
            Operator = op,
            Operand = operand,
            And = ParseRuleList(c, obj, pointer, "And"),
            Or = ParseRuleList(c, obj, pointer, "Or"),
            Not = obj.TryGetValue("Not", out var not) ? ParseNot(c, not, JsonPointer.Append(pointer, "Not")) : null,
            Assign = topLevel ? ReadAssign(obj["Assign"], JsonPointer.Append(pointer, "Assign"), QueryLanguage.JSONPath) : null,
        };
    }

    private ChoiceRule? ParseNot(in StateContext c, JValue value, string pointer)
    {
        if (value is JObject)
            return ParseRule(c, value, pointer, topLevel: false);
        Report(DiagnosticCodes.InvalidType, pointer, "The field 'Not' must be an object (one Choice rule).");
        return null;
    }

    private List<ChoiceRule>? ParseRuleList(in StateContext c, JObject obj, string pointer, string field)
    {
        if (ReadTyped<JArray>(obj[field], pointer, field, "an array of Choice rules") is not { } array)
            return null;
        var p = JsonPointer.Append(pointer, field);
        if (array.Count == 0)
            Report(DiagnosticCodes.EmptyArray, p, $"The field '{field}' must contain at least one Choice rule.");
        var rules = new List<ChoiceRule>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var rule = ParseRule(c, array[i], JsonPointer.Append(p, i), topLevel: false);
            if (rule is not null)
                rules.Add(rule);
        }

        return rules;
    }

    private void CheckOperand(string op, OperandKind kind, JValue operand, string pointer)
    {
        switch (kind)
        {
            case OperandKind.String when operand is not JString:
                Report(DiagnosticCodes.InvalidType, pointer, $"The operator '{op}' takes a string.");
                break;
            case OperandKind.Number when operand is not JNumber:
                Report(DiagnosticCodes.InvalidType, pointer, $"The operator '{op}' takes a number.");
                break;
            case OperandKind.Boolean or OperandKind.TypeTest when !operand.IsBool:
                Report(DiagnosticCodes.InvalidType, pointer, $"The operator '{op}' takes a boolean.");
                break;
            case OperandKind.Timestamp when operand is not JString:
                Report(DiagnosticCodes.InvalidType, pointer, $"The operator '{op}' takes a timestamp string.");
                break;
            case OperandKind.Timestamp when !Rfc3339.IsValid(((JString)operand).Value):
                Report(DiagnosticCodes.InvalidTimestamp, pointer, "String does not match RFC3339 timestamp");
                break;
            case OperandKind.Path when operand is not JString:
                Report(DiagnosticCodes.InvalidType, pointer, $"The operator '{op}' takes a path string.");
                break;
            case OperandKind.Path:
                CheckPath(((JString)operand).Value, pointer, op, PathKind.Path);
                break;
        }
    }
}
