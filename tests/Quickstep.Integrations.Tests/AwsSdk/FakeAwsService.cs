using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests.AwsSdk;

/// <summary>An <see cref="IAwsService"/> that records each call and answers with a function of it.</summary>
internal sealed class FakeAwsService(string signingName, Func<string, JObject, JValue> answer) : IAwsService
{
    public List<(string Operation, JObject Input)> Calls { get; } = [];

    public string SigningName { get; } = signingName;

    public ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        Calls.Add((operation, input));
        return new(answer(operation, input));
    }

    public static FakeAwsService Returning(string signingName, string outputJson) =>
        new(signingName, (_, _) => JsonText.Parse(outputJson));

    public static FakeAwsService Throwing(string signingName, Exception e) =>
        new(signingName, (_, _) => throw e);
}
