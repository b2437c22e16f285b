using System.Text.Json;

namespace Quickstep.Server.Tests.Configuration;

/// <summary>
/// The configuration's queue is created at start on the server's own SQS; a workflow finds it, sends to it with the
/// optimized integration, reads it back with the SDK integration, and catches the SDK integration's error name.
/// </summary>
public sealed class InProcessIntegrationTests : IAsyncLifetime
{
    private ConfiguredServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await ConfiguredServer.StartAsync("""{"resources": {"queues": [{"name": "orders", "attributes": {"VisibilityTimeout": 30}}]}}""");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Workflow_SendsToConfiguredQueueAndReceivesIt()
    {
        var definition = JsonSerializer.Serialize("""
            {"StartAt": "Url", "States": {
              "Url": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sqs:getQueueUrl", "Parameters": {"QueueName": "orders"}, "ResultPath": "$.q", "Next": "Send"},
              "Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                       "Parameters": {"QueueUrl.$": "$.q.QueueUrl", "MessageBody.$": "$.order"}, "ResultPath": "$.sent", "Next": "Receive"},
              "Receive": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sqs:receiveMessage",
                          "Parameters": {"QueueUrl.$": "$.q.QueueUrl", "MaxNumberOfMessages": 1}, "ResultPath": "$.got", "Next": "Missing"},
              "Missing": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sqs:getQueueUrl", "Parameters": {"QueueName": "nope"},
                          "Catch": [{"ErrorEquals": ["Sqs.QueueDoesNotExistException"], "ResultPath": "$.err", "Next": "Done"}], "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """);
        var (created, createdBody) = await InProcessServer.Call(_server.Http, "CreateStateMachine",
            $$"""{"name": "orders-flow", "type": "EXPRESS", "roleArn": "arn:aws:iam::123456789012:role/r", "definition": {{definition}}}""");
        Assert.True(created == 200, createdBody.ToString());
        var arn = createdBody.GetProperty("stateMachineArn").GetString();

        var (_, body) = await InProcessServer.Call(_server.Http, "StartSyncExecution", $$"""{"stateMachineArn": "{{arn}}", "input": {{JsonSerializer.Serialize("""{"order": {"id": 42}}""")}}}""");

        Assert.True(body.GetProperty("status").GetString() == "SUCCEEDED", body.ToString());
        var output = JsonDocument.Parse(body.GetProperty("output").GetString()!).RootElement;
        Assert.EndsWith("/123456789012/orders", output.GetProperty("q").GetProperty("QueueUrl").GetString(), StringComparison.Ordinal);
        var sent = output.GetProperty("sent");
        var message = Assert.Single(output.GetProperty("got").GetProperty("Messages").EnumerateArray());
        Assert.Equal("""{"id":42}""", message.GetProperty("Body").GetString());
        Assert.Equal(sent.GetProperty("MessageId").GetString(), message.GetProperty("MessageId").GetString());
        Assert.Equal(sent.GetProperty("MD5OfMessageBody").GetString(), message.GetProperty("MD5OfBody").GetString());
        Assert.Equal("Sqs.QueueDoesNotExistException", output.GetProperty("err").GetProperty("Error").GetString());
    }
}
