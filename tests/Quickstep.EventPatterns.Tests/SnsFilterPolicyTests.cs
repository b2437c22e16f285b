using Quickstep.Json;

namespace Quickstep.EventPatterns.Tests;

/// <summary>The same matcher under SNS's filter-policy rules (https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html).</summary>
public sealed class SnsFilterPolicyTests
{
    // Message attributes as the SNS service hands them to the matcher: String as a string, Number as a number,
    // String.Array as the parsed array.
    private const string Attributes = """
        {"customer_interests": ["soccer", "rugby", "hockey"], "store": "example_corp", "event": "order_placed",
         "price_usd": 210.75, "encrypted": false, "source_ip": "192.168.1.7"}
        """;

    [Theory]
    [InlineData("""{"store": ["example_corp"], "event": [{"anything-but": "order_cancelled"}], "customer_interests": ["rugby", "football", "baseball"], "price_usd": [{"numeric": [">=", 100]}]}""", true)]
    [InlineData("""{"customer_interests": ["basketball"]}""", false)]
    [InlineData("""{"store": [{"prefix": "example"}]}""", true)]
    [InlineData("""{"store": [{"suffix": "_corp"}]}""", true)]
    [InlineData("""{"store": [{"equals-ignore-case": "EXAMPLE_CORP"}]}""", true)]
    [InlineData("""{"event": [{"anything-but": {"prefix": "order"}}]}""", false)]
    [InlineData("""{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}""", false)]
    [InlineData("""{"price_usd": [210.75]}""", true)]
    [InlineData("""{"price_usd": ["210.75"]}""", false)]
    [InlineData("""{"store": [{"exists": true}]}""", true)]
    [InlineData("""{"coupon": [{"exists": false}]}""", true)]
    [InlineData("""{"coupon": [{"exists": true}]}""", false)]
    [InlineData("""{"source_ip": [{"cidr": "192.168.1.0/24"}]}""", true)]
    [InlineData("""{"encrypted": [false]}""", true)]
    [InlineData("""{"$or": [{"store": ["x"]}, {"event": ["order_placed"]}]}""", true)]
    [InlineData("""{}""", true)]
    public void MessageAttributes_Policy_MatchesAsSnsDoes(string policy, bool expected) =>
        Assert.Equal(expected, EventPattern.Parse(policy, EventPatternDialect.SnsMessageAttributes).Matches(JValue.Parse(Attributes)));

    [Theory]
    [InlineData("""{"store": ["example_corp"], "order": {"items": {"sku": [{"prefix": "A-"}]}}}""", """{"store": "example_corp", "order": {"items": [{"sku": "B-1"}, {"sku": "A-2"}]}}""", true)]
    [InlineData("""{"order": {"total": [{"numeric": [">", 100]}]}}""", """{"order": {"total": 99}}""", false)]
    public void MessageBody_NestedPolicy_Matches(string policy, string body, bool expected) =>
        Assert.Equal(expected, EventPattern.Parse(policy, EventPatternDialect.SnsMessageBody).Matches(JValue.Parse(body)));

    [Theory]
    [InlineData("""{"a": {"b": ["x"]}}""", "Filter policy scope MessageAttributes does not support nested filter policy")]
    [InlineData("""{"a": [1], "b": [1], "c": [1], "d": [1], "e": [1], "f": [1]}""", "Filter policy can not have more than 5 keys")]
    [InlineData("""{"a": [{"wildcard": "x*"}]}""", "Unrecognized match type wildcard")]
    [InlineData("""{"a": [{"anything-but": {"suffix": "x"}}]}""", "Unsupported anything-but pattern: suffix")]
    [InlineData("""{"a": [1,2,3,4,5,6,7,8,9,10], "b": [1,2,3,4,5,6,7,8,9,10], "c": [1,2]}""", "Filter policy is too complex")]
    [InlineData("""{"a": "x"}""", "\"a\" must be an object or an array")]
    [InlineData("""{"a": [{"numeric": ["<", 2e9]}]}""", "Value must be between -1000000000 and 1000000000, inclusive")]
    public void MessageAttributes_InvalidPolicy_GivesSnsReason(string policy, string reason)
    {
        var e = Assert.Throws<EventPatternException>(() => EventPattern.Parse(policy, EventPatternDialect.SnsMessageAttributes));
        Assert.Equal(reason, e.Message);
    }

    [Fact]
    public void MessageBody_AllowsNesting() =>
        Assert.True(EventPattern.Parse("""{"a": {"b": ["x"]}}""", EventPatternDialect.SnsMessageBody).Matches(JValue.Parse("""{"a": {"b": "x"}}""")));
}
