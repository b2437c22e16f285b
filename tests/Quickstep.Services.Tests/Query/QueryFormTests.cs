using Quickstep.Aws.Query;
using Quickstep.Json;

namespace Quickstep.Services.Tests.Query;

public sealed class QueryFormTests
{
    private static (string? Action, JObject Input) Parse(params string[] pairs) =>
        QueryForm.Parse(pairs.Select(p => p.Split('=', 2)).Select(kv => new KeyValuePair<string, string>(kv[0], kv[1])));

    [Fact]
    public void Parse_ActionAndScalars_ActionAndVersionLeftOut()
    {
        var (action, input) = Parse("Action=Publish", "Version=2010-03-31", "TopicArn=arn:t", "Message=hi");
        Assert.Equal("Publish", action);
        Assert.Equal("""{"TopicArn":"arn:t","Message":"hi"}""", input.ToString());
    }

    [Fact]
    public void Parse_MemberLists_InNumericOrder()
    {
        var (_, input) = Parse("TagKeys.member.10=j", "TagKeys.member.2=b", "TagKeys.member.1=a");
        Assert.Equal("""{"TagKeys":["a","b","j"]}""", input.ToString());
    }

    [Fact]
    public void Parse_ListOfStructures()
    {
        var (_, input) = Parse("Tags.member.1.Key=k1", "Tags.member.1.Value=v1", "Tags.member.2.Key=k2", "Tags.member.2.Value=v2");
        Assert.Equal("""{"Tags":[{"Key":"k1","Value":"v1"},{"Key":"k2","Value":"v2"}]}""", input.ToString());
    }

    [Fact]
    public void Parse_EntryMaps_KeyValueAndNameValue()
    {
        var (_, input) = Parse(
            "Attributes.entry.1.key=DisplayName", "Attributes.entry.1.value=Orders",
            "MessageAttributes.entry.1.Name=color", "MessageAttributes.entry.1.Value.DataType=String", "MessageAttributes.entry.1.Value.StringValue=red");
        Assert.Equal("""{"Attributes":{"DisplayName":"Orders"},"MessageAttributes":{"color":{"DataType":"String","StringValue":"red"}}}""", input.ToString());
    }

    [Fact]
    public void Parse_BatchEntriesWithNestedMaps()
    {
        var (_, input) = Parse(
            "PublishBatchRequestEntries.member.1.Id=a", "PublishBatchRequestEntries.member.1.Message=m",
            "PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name=n", "PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.DataType=Number",
            "PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.StringValue=5");
        Assert.Equal("""{"PublishBatchRequestEntries":[{"Id":"a","Message":"m","MessageAttributes":{"n":{"DataType":"Number","StringValue":"5"}}}]}""", input.ToString());
    }

    [Fact]
    public void Parse_NoAction_IsNull() => Assert.Null(Parse("Message=x").Action);
}
