using System.Globalization;
using System.Net;
using Quickstep.EventPatterns.Matchers;
using Quickstep.Json;

namespace Quickstep.EventPatterns;

/// <summary>
/// Turns a pattern into its <c>$or</c> branches, each a list of (field path, conditions), validating as it goes
/// with AWS's reasons (the texts of EventBridge's and SNS's InvalidEventPattern / InvalidParameter answers).
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
/// </summary>
internal sealed class PatternCompiler
{
    private static readonly HashSet<string> ReservedInOr = new(StringComparer.Ordinal)
    {
        "anything-but", "exists", "prefix", "suffix", "numeric", "cidr", "equals-ignore-case", "wildcard",
    };

    private readonly EventPatternDialect _dialect;
    private readonly Stack<string> _path = new();

    public PatternCompiler(EventPatternDialect dialect) => _dialect = dialect;

    private bool IsSns => _dialect != EventPatternDialect.EventBridge;

    public List<List<(string[] Path, LeafPattern Leaf)>> Compile(JValue pattern)
    {
        if (pattern is not JObject root)
            throw new EventPatternException("Filter is not an object");
        var branches = new List<List<(string[], LeafPattern)>>();
        if (IsSns && root.Count == 0)
            return [[]];
        if (IsSns && root.Count(p => p.Key != "$or") > 5)
            throw new EventPatternException("Filter policy can not have more than 5 keys");
        ParseObject(root, branches, insideOr: false);
        if (IsSns && Combinations(root, 1) > 150)
            throw new EventPatternException("Filter policy is too complex");
        return branches;
    }

    private void ParseObject(JObject obj, List<List<(string[], LeafPattern)>> branches, bool insideOr)
    {
        if (obj.Count == 0)
            throw new EventPatternException("Empty objects are not allowed");
        foreach (var (name, value) in obj)
        {
            if (name == "$or")
            {
                ParseOr(value, branches);
                continue;
            }

            if (insideOr && ReservedInOr.Contains(name))
                throw new EventPatternException($"{name} is Ruler reserved fieldName which cannot be used inside $or.");
            switch (value)
            {
                case JObject nested:
                    if (_dialect == EventPatternDialect.SnsMessageAttributes)
                        throw new EventPatternException("Filter policy scope MessageAttributes does not support nested filter policy") { OutsideFilterPolicy = true };
                    _path.Push(name);
                    ParseObject(nested, branches, insideOr);
                    _path.Pop();
                    break;
                case JArray list:
                    var leaf = ParseList(list);
                    var path = _path.Reverse().Append(name).ToArray();
                    if (branches.Count == 0)
                        branches.Add([]);
                    foreach (var b in branches)
                        b.Add((path, leaf));
                    break;
                default:
                    throw new EventPatternException($"\"{name}\" must be an object or an array");
            }
        }
    }

    private void ParseOr(JValue value, List<List<(string[], LeafPattern)>> branches)
    {
        if (value is not JArray alternatives)
            throw new EventPatternException("It must be an Array followed with $or.");
        var current = branches.Select(b => b.ToList()).ToList();
        branches.Clear();
        var count = 0;
        foreach (var alternative in alternatives)
        {
            count++;
            if (alternative is not JObject o)
                throw new EventPatternException("Only JSON object is allowed in array of $or relationship.");
            var forked = current.Select(b => b.ToList()).ToList();
            if (forked.Count == 0)
                forked.Add([]);
            ParseObject(o, forked, insideOr: true);
            branches.AddRange(forked);
        }

        if (count < 2)
            throw new EventPatternException("There must have at least 2 Objects in $or relationship.");
    }

    private LeafPattern ParseList(JArray list)
    {
        if (list.Count == 0)
            throw new EventPatternException("Empty arrays are not allowed");
        var matchers = new List<ValueMatcher>(list.Count);
        bool existsTrue = false, existsFalse = false;
        foreach (var item in list)
        {
            switch (item)
            {
                case JString s:
                    matchers.Add(new ExactStringMatcher(s.Value));
                    break;
                case JNumber n:
                    matchers.Add(new ExactNumberMatcher(n.Value));
                    break;
                case JNull or JBool:
                    matchers.Add(new LiteralMatcher(item.Kind));
                    break;
                case JObject expression:
                    if (ParseExpression(expression) is { } m)
                        matchers.Add(m);
                    else if (expression[0].Value is JBool { Kind: JKind.True })
                        existsTrue = true;
                    else
                        existsFalse = true;
                    break;
                default:
                    throw new EventPatternException("Match value must be String, number, true, false, or null");
            }
        }

        return new LeafPattern([.. matchers], existsTrue, existsFalse);
    }

    /// <summary>One <c>{"operator": operand}</c>; null for <c>exists</c>, which the leaf keeps as flags.</summary>
    private ValueMatcher? ParseExpression(JObject expression)
    {
        if (expression.Count == 0)
            throw new EventPatternException("Match expression name not found");
        var (op, operand) = expression[0];
        ValueMatcher? matcher;
        var tooMany = "Only one key allowed in match expression";
        switch (op)
        {
            case "prefix" or "suffix":
                matcher = ParsePrefixSuffix(op, operand);
                break;
            case "equals-ignore-case":
                matcher = new StringMatcher(new StringTest(StringTestKind.EqualsIgnoreCase, RequireString(operand, "equals-ignore-case match pattern must be a string")));
                break;
            case "wildcard" when !IsSns:
                matcher = new StringMatcher(new StringTest(StringTestKind.Wildcard, RequireString(operand, "wildcard match pattern must be a string")));
                break;
            case "numeric":
                if (operand is not JArray terms)
                    throw new EventPatternException("Value of numeric must be an array.");
                matcher = ParseNumeric(terms);
                tooMany = "Too many elements in numeric expression";
                break;
            case "anything-but":
                matcher = ParseAnythingBut(operand);
                tooMany = "Too many elements in numeric expression";
                break;
            case "exists":
                if (operand is not JBool)
                    throw new EventPatternException("exists match pattern must be either true or false.");
                matcher = null;
                break;
            case "cidr":
                matcher = new CidrMatcher(ParseCidr(RequireString(operand, "prefix match pattern must be a string")));
                break;
            default:
                throw new EventPatternException("Unrecognized match type " + op);
        }

        if (expression.Count > 1)
            throw new EventPatternException(tooMany);
        return matcher;
    }

    private static StringMatcher ParsePrefixSuffix(string op, JValue operand)
    {
        if (operand is JObject inner)
        {
            var word = op == "prefix" ? "Prefix" : "Suffix";
            if (inner.Count == 0)
                throw new EventPatternException(word + " expression name not found");
            if (inner[0].Key != "equals-ignore-case")
                throw new EventPatternException($"Unsupported {op} pattern: {inner[0].Key}");
            var text = RequireString(inner[0].Value, "equals-ignore-case match pattern must be a string");
            if (inner.Count > 1)
                throw new EventPatternException("Only one key allowed in match expression");
            return new StringMatcher(new StringTest(op == "prefix" ? StringTestKind.PrefixIgnoreCase : StringTestKind.SuffixIgnoreCase, text));
        }

        var value = RequireString(operand, op + " match pattern must be a string");
        return new StringMatcher(new StringTest(op == "prefix" ? StringTestKind.Prefix : StringTestKind.Suffix, value));
    }

    private ValueMatcher ParseAnythingBut(JValue operand)
    {
        StringTestKind? kind = null;
        if (operand is JObject inner)
        {
            if (inner.Count == 0)
                throw new EventPatternException("Anything-But expression name not found");
            var innerOp = inner[0].Key;
            kind = innerOp switch
            {
                "prefix" => StringTestKind.Prefix,
                "suffix" when !IsSns => StringTestKind.Suffix,
                "equals-ignore-case" when !IsSns => StringTestKind.EqualsIgnoreCase,
                "wildcard" when !IsSns => StringTestKind.Wildcard,
                _ => throw new EventPatternException("Unsupported anything-but pattern: " + innerOp),
            };
            operand = inner[0].Value;
            if (operand is not (JArray or JString or JNumber))
                throw new EventPatternException("Value of anything-but must be an array or single string/number value.");
            if (inner.Count > 1)
                throw new EventPatternException("Too many elements in numeric expression");
        }
        else if (operand is not (JArray or JString or JNumber))
        {
            throw new EventPatternException("Value of anything-but must be an array or single string/number value.");
        }

        if (kind is { } k)
        {
            var items = operand is JArray a ? a.ToArray() : [operand];
            var tests = new List<StringTest>(items.Length);
            foreach (var item in items)
            {
                if (item is not JString s)
                {
                    throw new EventPatternException(k switch
                    {
                        StringTestKind.EqualsIgnoreCase => "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
                        StringTestKind.Wildcard => "wildcard match pattern must be a string",
                        _ => "prefix/suffix match pattern must be a string",
                    });
                }

                if (k is StringTestKind.Prefix or StringTestKind.Suffix && s.Value.Length == 0)
                    throw new EventPatternException("Null prefix/suffix not allowed");
                tests.Add(new StringTest(k, s.Value));
            }

            return new AnythingButStringMatcher([.. tests]);
        }

        var strings = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<double>();
        foreach (var item in operand is JArray list ? list.ToArray() : [operand])
        {
            switch (item)
            {
                case JString s:
                    strings.Add(s.Value);
                    break;
                case JNumber n:
                    numbers.Add(InRange(n.Value));
                    break;
                default:
                    throw new EventPatternException(operand is JArray
                        ? "Inside anything but list, start|null|boolean is not supported."
                        : "Inside anything-but list, start|null|boolean is not supported.");
            }
        }

        if ((strings.Count > 0) == (numbers.Count > 0))
            throw new EventPatternException("Inside anything but list, either all values are number or string, mixed type is not supported");
        return new AnythingButMatcher(strings, numbers);
    }

    private NumericMatcher ParseNumeric(JArray terms)
    {
        if (terms.Count == 0)
            throw new EventPatternException("Invalid member in numeric match: ]");
        if (terms[0] is not JString { Value: var op })
            throw new EventPatternException("Invalid member in numeric match: " + TokenText(terms[0]));
        double Operand(int i, string name)
        {
            if (i >= terms.Count || terms[i] is not JNumber n)
                throw new EventPatternException($"Value of {name} must be numeric");
            return InRange(n.Value);
        }

        switch (op)
        {
            case "=":
                {
                    var v = Operand(1, "equals");
                    if (terms.Count > 2)
                        throw new EventPatternException("Too many elements in numeric expression");
                    return new NumericMatcher(v, false, v, false);
                }

            case "<" or "<=":
                {
                    var v = Operand(1, op);
                    if (terms.Count > 2)
                        throw new EventPatternException("Too many elements in numeric expression");
                    return new NumericMatcher(double.NegativeInfinity, true, v, op == "<");
                }

            case ">" or ">=":
                {
                    var low = Operand(1, op);
                    if (terms.Count == 2)
                        return new NumericMatcher(low, op == ">", double.PositiveInfinity, true);
                    if (terms[2] is not JString { Value: var op2 })
                        throw new EventPatternException("Bad value in numeric range: " + TokenText(terms[2]));
                    if (op2 is not ("<" or "<="))
                        throw new EventPatternException("Bad numeric range operator: " + op2);
                    var high = Operand(3, op2);
                    if (terms.Count > 4)
                        throw new EventPatternException("Too many terms in numeric range expression");
                    if (!(low < high))
                        throw new EventPatternException("Bottom must be less than top");
                    return new NumericMatcher(low, op == ">", high, op2 == "<");
                }

            default:
                throw new EventPatternException("Unrecognized numeric range operator: " + op);
        }
    }

    /// <summary>Numbers compared by value are limited: ±5e9 on EventBridge (https://github.com/aws/event-ruler), ±1e9 on SNS.</summary>
    private double InRange(double value)
    {
        var limit = IsSns ? 1_000_000_000L : 5_000_000_000L;
        if (value < -limit || value > limit)
            throw new EventPatternException($"Value must be between {-limit} and {limit}, inclusive");
        return value;
    }

    private static IPNetwork ParseCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || text.IndexOf('/', slash + 1) >= 0)
            throw new EventPatternException("Malformed CIDR, one '/' required");
        var ip = text[..slash];
        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
            throw new EventPatternException("Malformed CIDR, mask bits must be an integer");
        if (!IpText.TryParse(ip, out var address))
            throw new EventPatternException("Nonstandard IP address: " + ip);
        var max = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (bits > max)
            throw new EventPatternException($"Malformed CIDR, mask bits must be between 0 and {max}");
        // AWS takes the block the address falls in; host bits set are allowed.
        return new IPNetwork(Mask(address, bits), bits);
    }

    private static IPAddress Mask(IPAddress address, int bits)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    private static string RequireString(JValue value, string message) =>
        value is JString s ? s.Value : throw new EventPatternException(message);

    private static string TokenText(JValue v) => v switch
    {
        JString s => s.Value,
        JObject => "{",
        JArray => "[",
        _ => v.ToString(),
    };

    /// <summary>SNS's complexity measure: the product of each leaf's value count times its depth; <c>$or</c> branches add up.</summary>
    private static long Combinations(JObject obj, int depth)
    {
        long total = 1;
        foreach (var (name, value) in obj)
        {
            if (value is JObject nested)
            {
                total *= Combinations(nested, depth + 1);
            }
            else if (name == "$or" && value is JArray alternatives)
            {
                long sum = 0;
                foreach (var alt in alternatives)
                {
                    if (alt is JObject o)
                        sum += Combinations(o, depth);
                }

                total *= Math.Max(sum, 1);
            }
            else if (value is JArray list)
            {
                total *= list.Count * depth;
            }

            if (total > 1_000_000)
                return total;
        }

        return total;
    }
}
