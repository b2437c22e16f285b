using System.Collections.Frozen;

namespace Quickstep.Integrations.AwsSdk;

/// <summary>
/// Every AWS service botocore models (the table <c>aws-services.tsv</c>, written by <c>tools/aws-service-table.py</c>):
/// how a Task's call to a service Quickstep does not serve itself is forwarded to a configured endpoint.
/// </summary>
public static class AwsServiceModels
{
    private static readonly Lazy<(FrozenDictionary<string, AwsServiceModel> BySdkName, FrozenDictionary<string, AwsServiceModel> BySigningName)> Table = new(Load);

    /// <summary>By <c>aws-sdk:SERVICE</c> name, or by the endpoint prefix the optimized integrations use (<c>elasticmapreduce</c>).</summary>
    public static AwsServiceModel? ForResourceService(string service) =>
        Table.Value.BySdkName.TryGetValue(service, out var model) ? model : null;

    /// <summary>By SigV4 signing name (the key of the configuration file's <c>services</c>).</summary>
    public static AwsServiceModel? ForSigningName(string signingName) =>
        Table.Value.BySigningName.TryGetValue(signingName, out var model) ? model : null;

    private static (FrozenDictionary<string, AwsServiceModel>, FrozenDictionary<string, AwsServiceModel>) Load()
    {
        using var stream = typeof(AwsServiceModels).Assembly.GetManifestResourceStream("Quickstep.Integrations.AwsSdk.aws-services.tsv")
            ?? throw new InvalidOperationException("The embedded table aws-services.tsv is missing.");
        using var reader = new StreamReader(stream);
        var bySdk = new Dictionary<string, AwsServiceModel>(StringComparer.Ordinal);
        var bySigning = new Dictionary<string, AwsServiceModel>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0)
                continue;
            var f = line.Split('\t');
            var model = new AwsServiceModel(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
            bySdk.TryAdd(model.SdkName, model);
            bySigning.TryAdd(model.SigningName, model);
        }

        foreach (var model in bySigning.Values)
            bySdk.TryAdd(model.EndpointPrefix, model);
        return (bySdk.ToFrozenDictionary(StringComparer.Ordinal), bySigning.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
