using Quickstep.Aws;
using Quickstep.Aws.Query;
using Quickstep.Json;

namespace Quickstep.Services.Tests.Query;

public sealed class QueryXmlTests
{
    private const string Ns = "http://sns.amazonaws.com/doc/2010-03-31/";

    [Fact]
    public void Response_ListsMapsAndScalars_InTheQueryShape()
    {
        var output = (JObject)JValue.Parse("""{"Topics":[{"TopicArn":"a&b"}],"Attributes":{"K":"<v>"},"Flag":true,"NextToken":"t"}""");
        var xml = QueryXml.Response("ListTopics", Ns, output, "rid", new HashSet<string> { "Attributes" });
        Assert.Equal(
            "<ListTopicsResponse xmlns=\"" + Ns + "\"><ListTopicsResult><Topics><member><TopicArn>a&amp;b</TopicArn></member></Topics>"
            + "<Attributes><entry><key>K</key><value>&lt;v&gt;</value></entry></Attributes><Flag>true</Flag><NextToken>t</NextToken></ListTopicsResult>"
            + "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></ListTopicsResponse>",
            xml);
    }

    [Fact]
    public void Response_EmptyOutput_HasEmptyResult() =>
        Assert.Equal(
            "<DeleteTopicResponse xmlns=\"" + Ns + "\"><DeleteTopicResult /><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteTopicResponse>",
            QueryXml.Response("DeleteTopic", Ns, JObject.Empty, "r", new HashSet<string>()));

    [Fact]
    public void Error_SenderFault_InTheErrorResponseShape() =>
        Assert.Equal(
            "<ErrorResponse xmlns=\"" + Ns + "\"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>",
            QueryXml.Error(Ns, new AwsServiceException("NotFound", "Topic does not exist", 404), "r"));
}
