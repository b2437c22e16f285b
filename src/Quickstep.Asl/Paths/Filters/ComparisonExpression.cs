using System.Text.RegularExpressions;
using Quickstep.Json;

namespace Quickstep.Asl.Paths.Filters;

/// <summary>
/// <c>left op right</c> with Jayway's rules: an undefined side makes every operator false except <c>!=</c>;
/// ordering compares two numbers or two strings (ordinal), other pairs are false; equality is deep and typed.
/// </summary>
internal sealed class ComparisonExpression(FilterOperand left, FilterOperator op, FilterOperand right) : FilterExpression
{
    public override bool IsTrue(JValue current, JValue root)
    {
        var l = left.Resolve(current, root);
        if (op == FilterOperator.Matches)
            return l is not null && right is RegexOperand regex && IsMatch(regex, l);
        var r = right.Resolve(current, root);
        if (op == FilterOperator.NotEqual)
            return l is null || r is null || !l.Equals(r);
        if (l is null || r is null)
            return false;
        switch (op)
        {
            case FilterOperator.Equal:
                return l.Equals(r);
            case FilterOperator.Less:
                return Compare(l, r) is int c1 && c1 < 0;
            case FilterOperator.LessOrEqual:
                return Compare(l, r) is int c2 && c2 <= 0;
            case FilterOperator.Greater:
                return Compare(l, r) is int c3 && c3 > 0;
            case FilterOperator.GreaterOrEqual:
                return Compare(l, r) is int c4 && c4 >= 0;
            case FilterOperator.In:
                return r is JArray inList && Contains(inList, l);
            case FilterOperator.NotIn:
                return r is JArray ninList && !Contains(ninList, l);
            case FilterOperator.SubsetOf:
                return l is JArray sub && r is JArray super && AllIn(sub, super);
            case FilterOperator.AnyOf:
                return l is JArray any && r is JArray anyOf && AnyIn(any, anyOf);
            case FilterOperator.NoneOf:
                return l is JArray none && r is JArray noneOf && !AnyIn(none, noneOf);
            case FilterOperator.Size:
                return r is JNumber size && Length(l) is int len && len == size.Value;
            case FilterOperator.Empty:
                return r is JBool empty && Length(l) is int n && (n == 0) == empty.Value;
            case FilterOperator.Contains:
                if (l is JString ls)
                    return r is JString rs && ls.Value.Contains(rs.Value, StringComparison.Ordinal);
                return l is JArray la && Contains(la, r);
            default:
                return false;
        }
    }

    private static int? Compare(JValue l, JValue r)
    {
        if (l is JNumber ln && r is JNumber rn)
            return ln.Value.CompareTo(rn.Value);
        if (l is JString ls && r is JString rs)
            return string.CompareOrdinal(ls.Value, rs.Value);
        return null;
    }

    private static bool Contains(JArray list, JValue value)
    {
        foreach (var item in list.AsSpan())
        {
            if (item.Equals(value))
                return true;
        }

        return false;
    }

    private static bool AllIn(JArray items, JArray set)
    {
        foreach (var item in items.AsSpan())
        {
            if (!Contains(set, item))
                return false;
        }

        return true;
    }

    private static bool AnyIn(JArray items, JArray set)
    {
        foreach (var item in items.AsSpan())
        {
            if (Contains(set, item))
                return true;
        }

        return false;
    }

    private static int? Length(JValue value) => value switch
    {
        JArray a => a.Count,
        JString s => s.Value.Length,
        _ => null,
    };

    private static bool IsMatch(RegexOperand operand, JValue value)
    {
        var input = value switch
        {
            JString s => s.Value,
            JNumber n => n.ToJsonText(),
            JBool b => b.Value ? "true" : "false",
            _ => null,
        };
        if (input is null)
            return false;
        try
        {
            return operand.Regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            // An error, never a silent "no match": the filter's answer would be wrong (issue 18).
            throw new FilterTimeoutException(
                "The regular expression /" + operand.Pattern + "/ of a JSONPath filter took longer than one second to match a value.");
        }
    }
}
