using Quickstep.EventPatterns.Matchers;
using Quickstep.Json;

namespace Quickstep.EventPatterns;

/// <summary>
/// The list under one field (<c>"state": ["a", {"prefix": "b"}, {"exists": false}]</c>): the field matches when any
/// of its scalar values (array elements included, at any depth) passes any condition. Existence sees leaf values
/// only: a field holding an object or an empty array counts as absent, as AWS documents.
/// </summary>
internal sealed class LeafPattern(ValueMatcher[] matchers, bool existsTrue, bool existsFalse)
{
    public bool Matches(JValue? value)
    {
        var sawValue = false;
        if (value is not null && AnyScalar(value, ref sawValue))
            return true;
        return sawValue ? existsTrue : existsFalse;
    }

    private bool AnyScalar(JValue value, ref bool sawValue)
    {
        switch (value)
        {
            case JArray array:
                foreach (var item in array.AsSpan())
                {
                    if (AnyScalar(item, ref sawValue))
                        return true;
                }

                return false;
            case JObject:
                return false;
            default:
                sawValue = true;
                foreach (var m in matchers)
                {
                    if (m.Matches(value))
                        return true;
                }

                return false;
        }
    }
}
