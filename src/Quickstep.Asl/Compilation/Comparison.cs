using Quickstep.Asl.Errors;
using Quickstep.Asl.Model;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Asl.Compilation;

/// <summary>A JSONPath data-test rule: Variable, one operator, and a literal or a path operand.</summary>
internal sealed class Comparison : ChoiceCondition
{
    private readonly JsonPath _variable;
    private readonly ChoiceOperator _op;
    private readonly JValue? _literal;
    private readonly JsonPath? _operandPath;
    private readonly DateTimeOffset _literalTime;
    private readonly bool _literalTimeValid;
    private readonly StringPattern? _pattern;

    private Comparison(JsonPath variable, ChoiceOperator op, JValue? literal, JsonPath? operandPath)
    {
        _variable = variable;
        _op = op;
        _literal = literal;
        _operandPath = operandPath;
        if (literal is JString s)
        {
            _literalTimeValid = AslTimestamp.TryParse(s.Value, out _literalTime);
            if (op == ChoiceOperator.StringMatches)
                _pattern = StringPattern.Compile(s.Value);
        }
    }

    public static Comparison Create(JsonPath variable, string operatorName, JValue operand, ExpressionTable expressions)
    {
        var isPath = operatorName.EndsWith("Path", StringComparison.Ordinal) && operatorName != "IsPresent";
        var name = isPath ? operatorName[..^4] : operatorName;
        if (!Enum.TryParse<ChoiceOperator>(name, out var op))
            throw new TemplateCompileException($"Unknown Choice operator '{operatorName}'");
        if (isPath)
        {
            if (operand is not JString path)
                throw new TemplateCompileException($"The operator '{operatorName}' needs a path");
            return new Comparison(variable, op, null, expressions.Path(path.Value));
        }

        return new Comparison(variable, op, operand, null);
    }

    public override bool Evaluate(in EvaluationScope scope, ref StatesError? error)
    {
        var value = _variable.Select(scope, out var selectError);
        if (selectError is not null)
        {
            error = selectError;
            return false;
        }

        if (_op == ChoiceOperator.IsPresent)
            return (value is not null) == IsTrue(_literal);
        if (value is null)
        {
            error = InvalidPath(_variable);
            return false;
        }

        switch (_op)
        {
            case ChoiceOperator.IsNull:
                return value.IsNull == IsTrue(_literal);
            case ChoiceOperator.IsNumeric:
                return value.IsNumber == IsTrue(_literal);
            case ChoiceOperator.IsString:
                return value.IsString == IsTrue(_literal);
            case ChoiceOperator.IsBoolean:
                return value.IsBool == IsTrue(_literal);
            case ChoiceOperator.IsTimestamp:
                return (value is JString ts && AslTimestamp.TryParse(ts.Value, out _)) == IsTrue(_literal);
        }

        var operand = _literal;
        if (_operandPath is not null)
        {
            operand = _operandPath.Select(scope, out selectError);
            if (selectError is not null)
            {
                error = selectError;
                return false;
            }

            if (operand is null)
            {
                error = InvalidPath(_operandPath);
                return false;
            }
        }

        switch (_op)
        {
            case ChoiceOperator.StringMatches:
                return value is JString sm && _pattern!.IsMatch(sm.Value);
            case ChoiceOperator.StringEquals:
            case ChoiceOperator.StringLessThan:
            case ChoiceOperator.StringGreaterThan:
            case ChoiceOperator.StringLessThanEquals:
            case ChoiceOperator.StringGreaterThanEquals:
                if (value is not JString a || operand is not JString b)
                    return false;
                return Compare(string.CompareOrdinal(a.Value, b.Value), _op - ChoiceOperator.StringEquals);
            case ChoiceOperator.NumericEquals:
            case ChoiceOperator.NumericLessThan:
            case ChoiceOperator.NumericGreaterThan:
            case ChoiceOperator.NumericLessThanEquals:
            case ChoiceOperator.NumericGreaterThanEquals:
                if (value is not JNumber x || operand is not JNumber y)
                    return false;
                return Compare(x.Value.CompareTo(y.Value), _op - ChoiceOperator.NumericEquals);
            case ChoiceOperator.BooleanEquals:
                return value is JBool p && operand is JBool q && p.Value == q.Value;
            default:
                {
                    if (value is not JString vt || !AslTimestamp.TryParse(vt.Value, out var left))
                        return false;
                    DateTimeOffset right;
                    if (_operandPath is null)
                    {
                        if (!_literalTimeValid)
                            return false;
                        right = _literalTime;
                    }
                    else if (operand is not JString ot || !AslTimestamp.TryParse(ot.Value, out right))
                    {
                        return false;
                    }

                    return Compare(left.CompareTo(right), _op - ChoiceOperator.TimestampEquals);
                }
        }
    }

    /// <summary>Out of line: the interpolation's locals would otherwise widen every evaluation's frame.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static StatesError InvalidPath(JsonPath path) =>
        new(StatesErrors.Runtime, $"Invalid path '{path.Text}': The choice state's condition path references an invalid value.");

    private static bool IsTrue(JValue? value) => value is JBool { Value: true };

    /// <summary>kind: 0 equals, 1 less, 2 greater, 3 less-or-equal, 4 greater-or-equal (the enum order of each family).</summary>
    private static bool Compare(int c, int kind) => kind switch
    {
        0 => c == 0,
        1 => c < 0,
        2 => c > 0,
        3 => c <= 0,
        _ => c >= 0,
    };
}
