using Quickstep.Json;

namespace Quickstep.EventPatterns.Matchers;

/// <summary><c>{"numeric": [">", 0, "<=", 5]}</c>: a JSON number in the range (either end may be open or missing).</summary>
internal sealed class NumericMatcher(double low, bool lowOpen, double high, bool highOpen) : ValueMatcher
{
    public override bool Matches(JValue value)
    {
        if (value is not JNumber n)
            return false;
        var v = n.Value;
        // Event numbers beyond what AWS can compare (±5e9) never match a range.
        if (v is < -5e9 or > 5e9)
            return false;
        return (lowOpen ? v > low : v >= low) && (highOpen ? v < high : v <= high);
    }
}
