using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Quickstep.Aws.Query;
using Quickstep.Aws.Signing;

namespace Quickstep.Fuzz.Tests;

/// <summary>The SigV4 verifier and the query-protocol form parser: any header, query or form gives a verdict or an input, never an exception.</summary>
public sealed class SigV4FuzzTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly string[] AuthorizationTokens =
    [
        "AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA512 ", "AWS ", "Credential=", "SignedHeaders=", "Signature=", "AKID", "/20260102/", "us-east-1/",
        "sqs/", "aws4_request", ",", ", ", "=", "==", "host;x-amz-date", "host", ";", ";;", "0123abcdef", "", " ", "\t", "/", "\u00e9", "\ud800",
    ];

    private static readonly string[] QueryTokens =
    [
        "X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Credential=AKID%2F20260102%2Fus-east-1%2Fs3%2Faws4_request", "X-Amz-Date=20260102T030405Z",
        "X-Amz-Date=2026", "X-Amz-Expires=", "X-Amz-Expires=-1", "X-Amz-Expires=99999999999999999999", "X-Amz-SignedHeaders=host",
        "X-Amz-Signature=00", "&", "=", "%", "%zz", "%2", "a=b", "a", "+", "%F0%9F", "%ED%A0%80", "?",
    ];

    private static readonly string[] DateTokens = ["20260102T030405Z", "20260102T030405", "2026", "", "20261399T999999Z", "Fri, 02 Jan 2026 03:04:05 GMT", "x"];

    [Fact]
    public void Verify_RandomHeadersAndQueries_NeverValidNeverThrows()
    {
        var verifier = new SigV4Verifier(id => id == "AKID" ? new AwsCredentials("AKID", "secret") : null, new FakeTimeProvider(Now));
        var gen = Gen.Select(Mutations.Tokens(AuthorizationTokens, 20), Mutations.Tokens(QueryTokens, 10), Gen.OneOf(DateTokens), Gen.Bool, Gen.String[0, 8]);
        Fuzz.Run(gen, t =>
        {
            var (authorization, query, date, header, path) = t;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-amz-date"] = date, ["host"] = "localhost" };
            if (header)
                headers["authorization"] = authorization;
            var request = new SigV4Request("GET", "/" + path, query, name => headers.TryGetValue(name, out var v) ? v : null);
            var result = verifier.Verify(request, SigV4.EmptyPayloadHash);
            Assert.NotEqual(SigV4Status.Valid, result.Status);
            Assert.False(string.IsNullOrEmpty(result.Message));
        }, 5000);
    }

    [Fact]
    public void QueryForm_RandomFields_ParseToAnInput()
    {
        var names = Gen.OneOf("Action", "Version", "A", "A.member", "A.member.1", "A.member.x", "A.entry.1.key", "A.entry.1.value", "A.entry.2.Name",
            "A.entry.2.Value", "A.1", "A..B", ".", "", "B.member.1.C", "A.member.2147483648", "A.member.-1", string.Join('.', Enumerable.Repeat("d", 20)));
        var fields = Gen.Select(Gen.Select(names, Gen.String[0, 4]).Array[0, 10], Gen.String[0, 6].Array[0, 10]);
        Fuzz.Run(fields, t =>
        {
            var (named, values) = t;
            var pairs = named.Select((n, i) => new KeyValuePair<string, string>(n.Item1 + n.Item2, i < values.Length ? values[i] : "v"));
            var (_, input) = QueryForm.Parse(pairs);
            Assert.NotNull(input);
        }, 5000);
    }
}
