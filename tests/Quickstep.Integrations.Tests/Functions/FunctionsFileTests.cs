using Quickstep.Integrations.Functions;
using Quickstep.Json;
using static Quickstep.Integrations.Tests.TestSupport;

namespace Quickstep.Integrations.Tests.Functions;

public sealed class FunctionsFileTests
{
    [Fact]
    public async Task LoadInto_ValidFile_RegistersCommandsRunInTheFilesDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("qs-functions-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "answer.json"), "{\"answer\":42}");
            var script = Path.Combine(dir.FullName, "fn.sh");
            await File.WriteAllTextAsync(script, "#!/bin/sh\necho '\"from script\"'\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var path = Path.Combine(dir.FullName, "functions.json");
            await File.WriteAllTextAsync(path, """
                {"functions": {
                  "Echo": {"command": ["/bin/sh", "-c", "cat"]},
                  "Script": {"command": ["./fn.sh"]},
                  "arn:aws:lambda:us-east-1:123456789012:function:Answer": {"command": ["/bin/cat", "answer.json"]}
                }}
                """);
            var registry = new LambdaFunctionRegistry();

            FunctionsFile.LoadInto(registry, path);

            Assert.True(registry.Contains("Echo"));
            var handler = Handler(registry);
            var echo = await handler.InvokeAsync(Request("arn:aws:lambda:eu-west-1:123456789012:function:Echo", "[1]"), default);
            var answer = await handler.InvokeAsync(Request("arn:aws:lambda:us-east-1:123456789012:function:Answer", "{}"), default);
            var script2 = await handler.InvokeAsync(Request("arn:aws:lambda:us-east-1:123456789012:function:Script", "{}"), default);
            Assert.Equal("\"from script\"", JsonOf(script2.Output));
            Assert.Equal("[1]", JsonOf(echo.Output));
            Assert.Equal("{\"answer\":42}", JsonOf(answer.Output));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadInto_MissingFile_ThrowsWithThePath()
    {
        var ex = Assert.Throws<FunctionsFileException>(() => FunctionsFile.LoadInto(new LambdaFunctionRegistry(), "/nonexistent/functions.json"));

        Assert.Contains("/nonexistent/functions.json", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "must hold a JSON object")]
    [InlineData("{}", "'functions' is missing")]
    [InlineData("{\"functions\": [], \"x\": 1}", "'functions' must be an object")]
    [InlineData("{\"functions\": {\"F\": {\"command\": []}}}", "non-empty array")]
    [InlineData("{\"functions\": {\"F\": {\"command\": \"cat\"}}}", "non-empty array")]
    [InlineData("{\"functions\": {\"F\": {\"command\": [\"\"]}}}", "command[0] must be a non-empty string")]
    [InlineData("{\"functions\": {\"F\": {\"command\": [\"cat\", 1]}}}", "command[1] must be a string")]
    [InlineData("{\"functions\": {\"F\": {}}}", "'command' is missing")]
    [InlineData("{\"functions\": {\"F\": {\"command\": [\"cat\"], \"shell\": true}}}", "unknown field 'shell'")]
    [InlineData("{\"functions\": {\"bad name\": {\"command\": [\"cat\"]}}}", "is not a function name")]
    [InlineData("{\"functions\": {\"F\": 3}}", "must be an object")]
    [InlineData("{\"functions\": {}, \"extra\": 1}", "unknown field 'extra'")]
    public void ParseInto_BadFile_ThrowsAClearError(string json, string expected)
    {
        var ex = Assert.Throws<FunctionsFileException>(() => FunctionsFile.ParseInto(new LambdaFunctionRegistry(), json, "f.json"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("f.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseInto_SeveralProblems_ReportsAllAndRegistersNothing()
    {
        var registry = new LambdaFunctionRegistry();
        const string json = "{\"functions\": {\"Good\": {\"command\": [\"cat\"]}, \"A\": {}, \"B\": {\"command\": []}}}";

        var ex = Assert.Throws<FunctionsFileException>(() => FunctionsFile.ParseInto(registry, json));

        Assert.Equal(2, ex.Errors.Count);
        Assert.False(registry.Contains("Good"));
    }

    [Fact]
    public void ParseInto_AsyncSettings_AreReadAndChecked()
    {
        var registry = new LambdaFunctionRegistry();
        FunctionsFile.ParseInto(registry, """{"functions": {"F": {"url": "http://127.0.0.1:1/f", "maximumRetryAttempts": 0, "onFailure": "arn:aws:sqs:us-east-1:123456789012:failed"}}}""");
        var bad = Assert.Throws<FunctionsFileException>(() => FunctionsFile.ParseInto(new LambdaFunctionRegistry(),
            """{"functions": {"G": {"url": "http://127.0.0.1:1/g", "maximumRetryAttempts": 3, "onFailure": "arn:aws:s3:::bucket"}}}"""));

        var settings = registry.Functions.Single().Settings;
        Assert.Equal(0, settings.MaximumRetryAttempts);
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:failed", settings.OnFailure);
        Assert.Equal(2, FunctionSettings.Default.MaximumRetryAttempts);
        Assert.Contains(bad.Errors, e => e.Contains("maximumRetryAttempts must be an integer from 0 to 2", StringComparison.Ordinal));
        Assert.Contains(bad.Errors, e => e.Contains("onFailure must be the ARN of an SQS queue", StringComparison.Ordinal));
    }
}
