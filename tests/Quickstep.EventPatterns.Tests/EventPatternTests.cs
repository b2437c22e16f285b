using Quickstep.Json;

namespace Quickstep.EventPatterns.Tests;

public sealed class EventPatternTests
{
    private const string Ec2Event = """
        {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "EC2 Instance State-change Notification",
         "source": "aws.ec2", "account": "111122223333", "time": "2017-12-22T18:43:48Z", "region": "us-west-1",
         "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
         "detail": {"instance-id": "i-1234567890abcdef0", "state": "terminated", "c-count": 5, "d-count": 3, "x-limit": 301.8,
                    "source-ip": "10.0.0.123", "filename": "file.png", "eventVersion": "1.05", "location": null, "enabled": true,
                    "tags": ["prod", "web"], "empty": [], "obj": {"k": 1}}}
        """;

    [Theory]
    // exact values: strings, numbers (by value), null, booleans; any element of an array
    [InlineData("""{"source": ["aws.ec2"]}""", true)]
    [InlineData("""{"source": ["aws.s3"]}""", false)]
    [InlineData("""{"source": ["aws.s3", "aws.ec2"]}""", true)]
    [InlineData("""{"source": ["AWS.EC2"]}""", false)]
    [InlineData("""{"detail": {"state": ["terminated"]}}""", true)]
    [InlineData("""{"detail": {"c-count": [5]}}""", true)]
    [InlineData("""{"detail": {"c-count": [5.0]}}""", true)]
    [InlineData("""{"detail": {"c-count": [5e0]}}""", true)]
    [InlineData("""{"detail": {"c-count": ["5"]}}""", false)]
    [InlineData("""{"detail": {"eventVersion": [1.05]}}""", false)]
    [InlineData("""{"detail": {"location": [null]}}""", true)]
    [InlineData("""{"detail": {"location": ["null"]}}""", false)]
    [InlineData("""{"detail": {"enabled": [true]}}""", true)]
    [InlineData("""{"detail": {"enabled": [false]}}""", false)]
    [InlineData("""{"detail": {"enabled": ["true"]}}""", false)]
    [InlineData("""{"detail": {"tags": ["web"]}}""", true)]
    [InlineData("""{"detail": {"tags": ["db"]}}""", false)]
    [InlineData("""{"resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"]}""", true)]
    [InlineData("""{"detail": {"missing": ["x"]}}""", false)]
    [InlineData("""{"source": ["aws.ec2"], "detail": {"state": ["running"]}}""", false)]
    [InlineData("""{"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["terminated", "stopped"]}}""", true)]
    // prefix / suffix / equals-ignore-case
    [InlineData("""{"time": [{"prefix": "2017-12-22"}]}""", true)]
    [InlineData("""{"time": [{"prefix": "2018"}]}""", false)]
    [InlineData("""{"source": [{"prefix": {"equals-ignore-case": "AWS."}}]}""", true)]
    [InlineData("""{"source": [{"prefix": "AWS."}]}""", false)]
    [InlineData("""{"detail": {"filename": [{"suffix": ".png"}]}}""", true)]
    [InlineData("""{"detail": {"filename": [{"suffix": ".PNG"}]}}""", false)]
    [InlineData("""{"detail": {"filename": [{"suffix": {"equals-ignore-case": ".PNG"}}]}}""", true)]
    [InlineData("""{"detail-type": [{"equals-ignore-case": "ec2 instance state-change notification"}]}""", true)]
    [InlineData("""{"detail-type": [{"equals-ignore-case": "ec2 instance"}]}""", false)]
    [InlineData("""{"detail": {"c-count": [{"prefix": "5"}]}}""", false)]
    // anything-but: value, list, numbers, prefix, suffix, equals-ignore-case, wildcard
    [InlineData("""{"detail": {"state": [{"anything-but": "initializing"}]}}""", true)]
    [InlineData("""{"detail": {"state": [{"anything-but": "terminated"}]}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}}""", true)]
    [InlineData("""{"detail": {"state": [{"anything-but": ["stopped", "terminated"]}]}}""", false)]
    [InlineData("""{"detail": {"c-count": [{"anything-but": 5}]}}""", false)]
    [InlineData("""{"detail": {"c-count": [{"anything-but": [1, 2]}]}}""", true)]
    [InlineData("""{"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}""", true)]
    [InlineData("""{"detail": {"state": [{"anything-but": {"prefix": "term"}}]}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": {"prefix": ["a", "term"]}}]}}""", false)]
    [InlineData("""{"detail": {"filename": [{"anything-but": {"suffix": ".txt"}}]}}""", true)]
    [InlineData("""{"detail": {"filename": [{"anything-but": {"suffix": ".png"}}]}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": {"equals-ignore-case": "TERMINATED"}}]}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": {"equals-ignore-case": ["Stopped", "Running"]}}]}}""", true)]
    [InlineData("""{"detail": {"filename": [{"anything-but": {"wildcard": "*.png"}}]}}""", false)]
    [InlineData("""{"detail": {"filename": [{"anything-but": {"wildcard": ["*.txt", "x*"]}}]}}""", true)]
    [InlineData("""{"detail": {"missing": [{"anything-but": "x"}]}}""", false)]
    [InlineData("""{"detail": {"tags": [{"anything-but": "prod"}]}}""", true)]
    [InlineData("""{"detail": {"location": [{"anything-but": "x"}]}}""", true)]
    // numeric
    [InlineData("""{"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}""", true)]
    [InlineData("""{"detail": {"c-count": [{"numeric": [">", 0, "<", 5]}]}}""", false)]
    [InlineData("""{"detail": {"d-count": [{"numeric": ["<", 10]}]}}""", true)]
    [InlineData("""{"detail": {"x-limit": [{"numeric": ["=", 3.018e2]}]}}""", true)]
    [InlineData("""{"detail": {"x-limit": [{"numeric": [">=", 301.8]}]}}""", true)]
    [InlineData("""{"detail": {"x-limit": [{"numeric": [">", 301.8]}]}}""", false)]
    [InlineData("""{"detail": {"eventVersion": [{"numeric": [">", 1]}]}}""", false)]
    [InlineData("""{"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}], "d-count": [{"numeric": ["<", 10]}], "x-limit": [{"numeric": ["=", 3.018e2]}]}}""", true)]
    // exists
    [InlineData("""{"detail": {"state": [{"exists": true}]}}""", true)]
    [InlineData("""{"detail": {"state": [{"exists": false}]}}""", false)]
    [InlineData("""{"detail": {"missing": [{"exists": false}]}}""", true)]
    [InlineData("""{"detail": {"missing": [{"exists": true}]}}""", false)]
    [InlineData("""{"detail": {"location": [{"exists": true}]}}""", true)]
    [InlineData("""{"detail": {"obj": [{"exists": true}]}}""", false)]
    [InlineData("""{"detail": {"obj": [{"exists": false}]}}""", true)]
    [InlineData("""{"detail": {"empty": [{"exists": false}]}}""", true)]
    [InlineData("""{"nothere": {"deep": [{"exists": false}]}}""", true)]
    [InlineData("""{"detail": {"state": [{"exists": false}, "terminated"]}}""", true)]
    // wildcard
    [InlineData("""{"detail": {"filename": [{"wildcard": "*.png"}]}}""", true)]
    [InlineData("""{"detail": {"filename": [{"wildcard": "file*"}]}}""", true)]
    [InlineData("""{"detail": {"filename": [{"wildcard": "f*e.p*g"}]}}""", true)]
    [InlineData("""{"detail": {"filename": [{"wildcard": "file.png*"}]}}""", true)]
    [InlineData("""{"detail": {"filename": [{"wildcard": "*.jpg"}]}}""", false)]
    [InlineData("""{"detail": {"filename": [{"wildcard": "file.png"}]}}""", true)]
    [InlineData("""{"detail": {"filename": [{"wildcard": "fil\\*.png"}]}}""", false)]
    [InlineData("""{"source": [{"wildcard": "aws.*2"}]}""", true)]
    // cidr
    [InlineData("""{"detail": {"source-ip": [{"cidr": "10.0.0.0/24"}]}}""", true)]
    [InlineData("""{"detail": {"source-ip": [{"cidr": "10.0.1.0/24"}]}}""", false)]
    [InlineData("""{"detail": {"source-ip": [{"cidr": "10.0.0.0/8"}]}}""", true)]
    [InlineData("""{"detail": {"source-ip": [{"cidr": "10.0.0.123/32"}]}}""", true)]
    [InlineData("""{"detail": {"source-ip": [{"cidr": "2001:db8::/32"}]}}""", false)]
    [InlineData("""{"detail": {"state": [{"cidr": "10.0.0.0/8"}]}}""", false)]
    // $or
    [InlineData("""{"source": ["aws.ec2"], "$or": [{"detail-type": ["nope"]}, {"detail": {"state": ["terminated"]}}]}""", true)]
    [InlineData("""{"$or": [{"source": ["x"]}, {"region": ["y"]}]}""", false)]
    [InlineData("""{"detail": {"$or": [{"c-count": [{"numeric": [">", 0, "<=", 5]}]}, {"d-count": [{"numeric": ["<", 10]}]}, {"x-limit": [{"numeric": ["=", 3.018e2]}]}]}}""", true)]
    [InlineData("""{"$or": [{"source": ["x"]}, {"$or": [{"region": ["y"]}, {"region": ["us-west-1"]}]}]}""", true)]
    [InlineData("""{"$or": [{"source": ["x"]}, {"region": ["y"]}], "account": ["111122223333"]}""", false)]
    public void Matches_AwsEvent_AsAwsDoes(string pattern, bool expected)
    {
        var compiled = EventPattern.Parse(pattern);
        Assert.Equal(expected, compiled.Matches(JValue.Parse(Ec2Event)));
    }

    [Theory]
    // an object reached through an array must satisfy all of its fields in one element
    [InlineData("""{"a": {"b": [1], "c": [2]}}""", """{"a": [{"b": 1, "c": 9}, {"b": 9, "c": 2}]}""", false)]
    [InlineData("""{"a": {"b": [1], "c": [2]}}""", """{"a": [{"b": 9, "c": 9}, {"b": 1, "c": 2}]}""", true)]
    [InlineData("""{"a": {"b": [1]}}""", """{"a": [[{"b": 1}]]}""", true)]
    [InlineData("""{"a": [1]}""", """{"a": [[0, [1]]]}""", true)]
    [InlineData("""{"a": {"b": [{"exists": false}]}}""", """{"a": "scalar"}""", true)]
    [InlineData("""{"a": {"b": [{"exists": false}]}}""", """{"a": [{"b": 1}]}""", false)]
    [InlineData("""{"ip": ["2001:db8::1"]}""", """{"ip": "2001:0db8:0:0:0:0:0:1"}""", true)]
    [InlineData("""{"ip": [{"cidr": "2001:db8::/32"}]}""", """{"ip": "2001:db8:ffff::1"}""", true)]
    [InlineData("""{"n": [{"numeric": [">=", -1e3, "<", 0]}]}""", """{"n": -1000}""", true)]
    [InlineData("""{"n": [{"numeric": [">=", -1e3, "<", 0]}]}""", """{"n": 0}""", false)]
    [InlineData("""{"s": [""]}""", """{"s": ""}""", true)]
    [InlineData("""{"n": [{"numeric": [">", 0]}]}""", """{"n": 6e9}""", false)]
    [InlineData("""{"n": [123456789012]}""", """{"n": 123456789012}""", true)]
    [InlineData("""{"s": [{"wildcard": "*"}]}""", """{"s": ""}""", true)]
    [InlineData("""{"s": [{"wildcard": "a*b*c"}]}""", """{"s": "abc"}""", true)]
    [InlineData("""{"s": [{"wildcard": "a*b*c"}]}""", """{"s": "acb"}""", false)]
    [InlineData("""{"s": [{"wildcard": "*ab*ab"}]}""", """{"s": "xabyab"}""", true)]
    [InlineData("""{"s": [{"wildcard": "a\\*"}]}""", """{"s": "a*"}""", true)]
    [InlineData("""{"s": [{"wildcard": "a\\\\"}]}""", """{"s": "a\\"}""", true)]
    [InlineData("""{"s": [{"anything-but": {"prefix": "a"}}]}""", """{"s": 5}""", true)]
    // a dotted pattern key reaches a literal dotted field and the nested one
    [InlineData("""{"a.b": ["v"]}""", """{"a.b": "v"}""", true)]
    [InlineData("""{"a.b": ["v"]}""", """{"a": {"b": "v"}}""", true)]
    [InlineData("""{"a.b": ["v"]}""", """{"a": {"b": "w"}}""", false)]
    [InlineData("""{"s": [{"equals-ignore-case": "ÄBC"}]}""", """{"s": "äbc"}""", true)]
    public void Matches_Document_AsAwsDoes(string pattern, string document, bool expected) =>
        Assert.Equal(expected, EventPattern.Parse(pattern).Matches(JValue.Parse(document)));

    [Theory]
    [InlineData("""["a"]""", "Filter is not an object")]
    [InlineData("""{}""", "Empty objects are not allowed")]
    [InlineData("""{"detail": {}}""", "Empty objects are not allowed")]
    [InlineData("""{"source": []}""", "Empty arrays are not allowed")]
    [InlineData("""{"source": "aws.ec2"}""", "\"source\" must be an object or an array")]
    [InlineData("""{"detail": {"pipeline": {"slug": "x"}}}""", "\"slug\" must be an object or an array")]
    [InlineData("""{"source": [["a"]]}""", "Match value must be String, number, true, false, or null")]
    [InlineData("""{"source": [{}]}""", "Match expression name not found")]
    [InlineData("""{"source": [{"foo": "a"}]}""", "Unrecognized match type foo")]
    [InlineData("""{"source": [{"prefix": 1}]}""", "prefix match pattern must be a string")]
    [InlineData("""{"source": [{"suffix": ["a"]}]}""", "suffix match pattern must be a string")]
    [InlineData("""{"source": [{"prefix": "a", "suffix": "b"}]}""", "Only one key allowed in match expression")]
    [InlineData("""{"source": [{"prefix": {"foo": "a"}}]}""", "Unsupported prefix pattern: foo")]
    [InlineData("""{"source": [{"suffix": {"equals-ignore-case": 1}}]}""", "equals-ignore-case match pattern must be a string")]
    [InlineData("""{"source": [{"equals-ignore-case": 5}]}""", "equals-ignore-case match pattern must be a string")]
    [InlineData("""{"source": [{"wildcard": 5}]}""", "wildcard match pattern must be a string")]
    [InlineData("""{"source": [{"wildcard": "a**b"}]}""", "Consecutive wildcard characters at pos 2")]
    [InlineData("""{"source": [{"wildcard": "a\\b"}]}""", "Invalid escape character at pos 2")]
    [InlineData("""{"source": [{"exists": "yes"}]}""", "exists match pattern must be either true or false.")]
    [InlineData("""{"source": [{"numeric": 5}]}""", "Value of numeric must be an array.")]
    [InlineData("""{"source": [{"numeric": []}]}""", "Invalid member in numeric match: ]")]
    [InlineData("""{"source": [{"numeric": [5]}]}""", "Invalid member in numeric match: 5")]
    [InlineData("""{"source": [{"numeric": ["!", 5]}]}""", "Unrecognized numeric range operator: !")]
    [InlineData("""{"source": [{"numeric": ["=", "5"]}]}""", "Value of equals must be numeric")]
    [InlineData("""{"source": [{"numeric": [">", "a"]}]}""", "Value of > must be numeric")]
    [InlineData("""{"source": [{"numeric": ["=", 5, "<", 6]}]}""", "Too many elements in numeric expression")]
    [InlineData("""{"source": [{"numeric": ["<", 5, ">", 1]}]}""", "Too many elements in numeric expression")]
    [InlineData("""{"source": [{"numeric": [">", 5, 6]}]}""", "Bad value in numeric range: 6")]
    [InlineData("""{"source": [{"numeric": [">", 5, ">", 6]}]}""", "Bad numeric range operator: >")]
    [InlineData("""{"source": [{"numeric": [">", 5, "<", "x"]}]}""", "Value of < must be numeric")]
    [InlineData("""{"source": [{"numeric": [">", 5, "<", 1]}]}""", "Bottom must be less than top")]
    [InlineData("""{"source": [{"numeric": [">", 5, "<", 9, 10]}]}""", "Too many terms in numeric range expression")]
    [InlineData("""{"source": [{"numeric": [">", 5e10]}]}""", "Value must be between -5000000000 and 5000000000, inclusive")]
    [InlineData("""{"source": [{"anything-but": [-6e9]}]}""", "Value must be between -5000000000 and 5000000000, inclusive")]
    [InlineData("""{"source": [{"anything-but": null}]}""", "Value of anything-but must be an array or single string/number value.")]
    [InlineData("""{"source": [{"anything-but": [null]}]}""", "Inside anything but list, start|null|boolean is not supported.")]
    [InlineData("""{"source": [{"anything-but": ["a", 1]}]}""", "Inside anything but list, either all values are number or string, mixed type is not supported")]
    [InlineData("""{"source": [{"anything-but": {"foo": "a"}}]}""", "Unsupported anything-but pattern: foo")]
    [InlineData("""{"source": [{"anything-but": {}}]}""", "Anything-But expression name not found")]
    [InlineData("""{"source": [{"anything-but": {"prefix": ""}}]}""", "Null prefix/suffix not allowed")]
    [InlineData("""{"source": [{"anything-but": {"prefix": [1]}}]}""", "prefix/suffix match pattern must be a string")]
    [InlineData("""{"source": [{"anything-but": {"equals-ignore-case": [1]}}]}""", "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.")]
    [InlineData("""{"source": [{"anything-but": {"wildcard": "a**"}}]}""", "Consecutive wildcard characters at pos 2")]
    [InlineData("""{"source": [{"cidr": 5}]}""", "prefix match pattern must be a string")]
    [InlineData("""{"source": [{"cidr": "10.0.0.0"}]}""", "Malformed CIDR, one '/' required")]
    [InlineData("""{"source": [{"cidr": "10.0.0.0/x"}]}""", "Malformed CIDR, mask bits must be an integer")]
    [InlineData("""{"source": [{"cidr": "10.0.0/8"}]}""", "Nonstandard IP address: 10.0.0")]
    [InlineData("""{"$or": {"a": [1]}}""", "It must be an Array followed with $or.")]
    [InlineData("""{"$or": [{"a": [1]}]}""", "There must have at least 2 Objects in $or relationship.")]
    [InlineData("""{"$or": [{"a": [1]}, "b"]}""", "Only JSON object is allowed in array of $or relationship.")]
    [InlineData("""{"$or": [{"a": [1]}, {"numeric": [1]}]}""", "numeric is Ruler reserved fieldName which cannot be used inside $or.")]
    public void Parse_InvalidPattern_GivesAwsReason(string pattern, string reason)
    {
        var e = Assert.Throws<EventPatternException>(() => EventPattern.Parse(pattern));
        Assert.Equal(reason, e.Message);
    }

    [Fact]
    public void Parse_NotJson_IsRejected() =>
        Assert.Throws<EventPatternException>(() => EventPattern.Parse("{\"source\": [\"a\""));

    [Fact]
    public void Matches_NonObjectDocument_IsFalse() =>
        Assert.False(EventPattern.Parse("""{"a": [{"exists": false}]}""").Matches(JValue.Parse("[1]")));
}
