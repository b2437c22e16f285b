using Quickstep.Integrations.Mocking;

namespace Quickstep.Integrations.Tests.Mocking;

public sealed class MockConfigTests
{
    internal const string W6 = """
        {
          "StateMachines": {
            "w6-retry-catch": {
              "TestCases": {
                "Default": { "Flaky": "FlakyFailsTwice", "AlwaysFails": "AlwaysTransient" }
              }
            }
          },
          "MockedResponses": {
            "FlakyFailsTwice": {
              "0-1": { "Throw": { "Error": "Transient", "Cause": "flaky" } },
              "2": { "Return": { "ok": true, "attempts": 3 } }
            },
            "AlwaysTransient": {
              "0-1": { "Throw": { "Error": "Transient", "Cause": "always" } }
            }
          }
        }
        """;

    [Fact]
    public void Parse_W6MockFile_ReadsTestCasesAndRanges()
    {
        var config = MockConfig.Parse(W6);

        Assert.True(config.HasTestCase("w6-retry-catch", "Default"));
        Assert.True(config.TryGetMockedResponse("w6-retry-catch", "Default", "Flaky", out var flaky));
        Assert.Equal("FlakyFailsTwice", flaky.Name);
        Assert.Equal(3, flaky.InvocationCount);
        Assert.Equal([(0, 1), (2, 2)], flaky.Entries.Select(e => (e.FirstInvocation, e.LastInvocation)));
        Assert.Equal("Transient", flaky.Entries[0].Throw!.Error);
        Assert.Equal("flaky", flaky.Entries[0].Throw!.Cause);
        Assert.NotNull(flaky.Entries[1].Return);
        Assert.False(config.TryGetMockedResponse("w6-retry-catch", "Default", "Start", out _));
        Assert.False(config.HasTestCase("w6-retry-catch", "Other"));
    }

    [Fact]
    public void Parse_UnorderedKeys_SortsEntriesByInvocation()
    {
        var config = MockConfig.Parse("""
            {"StateMachines": {"sm": {"TestCases": {"t": {"S": "R"}}}},
             "MockedResponses": {"R": {"3": {"Return": 3}, "1-2": {"Return": 1}, "0": {"Return": 0}}}}
            """);

        var response = config.MockedResponses["R"];
        Assert.True(response.TryGetEntry(2, out var entry));
        Assert.Equal("1", entry.Return!.ToString());
        Assert.False(response.TryGetEntry(4, out _));
    }

    [Fact]
    public void Parse_ThrowWithoutCause_HasNullCause()
    {
        var config = MockConfig.Parse("""{"MockedResponses": {"R": {"0": {"Throw": {"Error": "E"}}}}}""");

        Assert.Null(config.MockedResponses["R"].Entries[0].Throw!.Cause);
    }

    [Theory]
    [InlineData("nope", "not valid JSON")]
    [InlineData("[]", "must hold a JSON object")]
    [InlineData("{\"MockedResponse\": {}}", "unknown field 'MockedResponse'")]
    [InlineData("{\"StateMachines\": []}", "'StateMachines' must be an object")]
    [InlineData("{\"MockedResponses\": 1}", "'MockedResponses' must be an object")]
    [InlineData("{\"StateMachines\": {\"sm\": {}}}", "'TestCases' is missing")]
    [InlineData("{\"StateMachines\": {\"sm\": {\"TestCases\": {}, \"X\": 1}}}", "unknown field 'X'")]
    [InlineData("{\"StateMachines\": {\"sm\": {\"TestCases\": {\"t\": []}}}}", "must be an object of state name")]
    [InlineData("{\"StateMachines\": {\"sm\": {\"TestCases\": {\"t\": {\"S\": 1}}}}}", "must be the name of a mocked response")]
    [InlineData("{\"StateMachines\": {\"sm\": {\"TestCases\": {\"t\": {\"S\": \"Missing\"}}}}}", "'Missing', which 'MockedResponses' does not define")]
    [InlineData("{\"MockedResponses\": {\"R\": {}}}", "has no entries")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"first\": {\"Return\": 1}}}}", "invocation key")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"2-1\": {\"Return\": 1}}}}", "invocation key")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"-1\": {\"Return\": 1}}}}", "invocation key")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"0-2\": {\"Return\": 1}, \"2\": {\"Return\": 2}}}}", "covered more than once")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"1\": {\"Return\": 1}}}}", "invocations 0 have no response")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"0\": {\"Return\": 1}, \"3\": {\"Return\": 1}}}}", "invocations 1-2 have no response")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"0\": {}}}}", "exactly one field, 'Return' or 'Throw'")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"0\": {\"Return\": 1, \"Throw\": {\"Error\": \"E\"}}}}}", "exactly one field")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"0\": {\"Throw\": \"E\"}}}}", "Throw must be an object")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"0\": {\"Throw\": {\"Cause\": \"c\"}}}}}", "Throw.Error must be a non-empty string")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"0\": {\"Throw\": {\"Error\": \"E\", \"Cause\": 1}}}}}", "Throw.Cause must be a string")]
    [InlineData("{\"MockedResponses\": {\"R\": {\"0\": {\"Throw\": {\"Error\": \"E\", \"Why\": \"c\"}}}}}", "unknown field 'Why'")]
    public void Parse_MalformedConfig_ThrowsAClearError(string json, string expected)
    {
        var ex = Assert.Throws<MockConfigException>(() => MockConfig.Parse(json, "mock.json"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsThemAll()
    {
        var ex = Assert.Throws<MockConfigException>(() => MockConfig.Parse(
            "{\"Extra\": 1, \"MockedResponses\": {\"R\": {\"x\": {\"Return\": 1}}}, \"StateMachines\": {\"sm\": {\"TestCases\": {\"t\": {\"S\": \"Nope\"}}}}}"));

        Assert.Equal(3, ex.Errors.Count);
    }

    [Fact]
    public async Task Load_File_ParsesIt()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, W6);

            Assert.True(MockConfig.Load(path).HasTestCase("w6-retry-catch", "Default"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_ThrowsWithThePath()
    {
        var ex = Assert.Throws<MockConfigException>(() => MockConfig.Load("/nonexistent/mock.json"));

        Assert.Contains("/nonexistent/mock.json", ex.Message, StringComparison.Ordinal);
    }
}
