using System.Globalization;
using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Plan;

/// <summary>
/// A Distributed Map's ItemReader (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html):
/// the items come from an S3 object (<c>arn:aws:states:::s3:getObject</c> with ReaderConfig.InputType JSON,
/// JSONL or CSV) or from listing a prefix (<c>arn:aws:states:::s3:listObjectsV2</c>: one item per object),
/// read through the Task handler that serves the resource. A manifest lists the objects to read: InputType MANIFEST
/// or ManifestType S3_INVENTORY (an S3 inventory's manifest.json: one item per row of its CSV data files, the columns
/// of fileSchema as string members) and ManifestType ATHENA_DATA (an Athena UNLOAD manifest: one s3:// URI per line,
/// each object read as InputType CSV or JSONL). MaxItems caps them. A failure is States.ItemReaderFailed.
/// </summary>
internal sealed class CompiledItemReader
{
    private const string GetObject = "arn:aws:states:::s3:getObject";
    private const string ListObjects = "arn:aws:states:::s3:listObjectsV2";

    private readonly MapIoResource _call;
    private readonly string? _inputType;
    private readonly string? _manifestType;
    private readonly char _delimiter = ',';
    private readonly IReadOnlyList<string>? _headers;
    private readonly int _maxItems;
    private readonly Asl.Paths.JsonPath? _maxItemsPath;

    public CompiledItemReader(JObject reader, IReadOnlyList<IResourceHandler> handlers, bool jsonata, ExpressionTable expressions)
    {
        _call = new MapIoResource(reader, handlers, jsonata, expressions);
        if (reader["ReaderConfig"] is JObject config)
        {
            _inputType = config["InputType"] is JString t ? t.Value : null;
            _manifestType = config["ManifestType"] is JString mt ? mt.Value : null;
            _delimiter = (config["CSVDelimiter"] as JString)?.Value switch
            {
                "PIPE" => '|',
                "SEMICOLON" => ';',
                "SPACE" => ' ',
                "TAB" => '\t',
                _ => ',',
            };
            if ((config["CSVHeaderLocation"] as JString)?.Value == "GIVEN" && config["CSVHeaders"] is JArray given)
                _headers = [.. given.Select(h => h is JString s ? s.Value : h.ToString())];
            if (config["MaxItems"] is JNumber max && max.TryGetInt32(out var m))
                _maxItems = m;
            if (config["MaxItemsPath"] is JString path)
                _maxItemsPath = expressions.Path(path.Value);
        }
    }

    /// <summary>The items, or the error reading them (States.ItemReaderFailed, or the parameters' evaluation error).</summary>
    public ValueTask<Evaluated> ReadAsync(Execution x, string stateName, EvaluationScope scope) =>
        MapIoException.CaughtAsync(ReadOrThrowAsync(x, stateName, scope));

    private async ValueTask<Evaluated> ReadOrThrowAsync(Execution x, string stateName, EvaluationScope scope)
    {
        if (_call.Handler is null)
            throw Failed($"No S3 is available to read the items from ('{_call.Resource}'): run the workflow on the server (`quickstep serve`), whose built-in S3 serves ItemReader, or configure an S3 endpoint.");
        var input = _call.Parameters(scope, JObject.Empty);
        if (input.Failed)
            return input;
        if (input.Value is not JObject parameters)
            throw Failed("The ItemReader's parameters must be an object.");
        var maxItems = _maxItems;
        if (_maxItemsPath?.Select(scope) is JNumber n && n.TryGetInt32(out var fromPath))
            maxItems = fromPath;
        var items = _call.Resource switch
        {
            GetObject when _inputType == "MANIFEST" || _manifestType == "S3_INVENTORY" => await FromInventoryAsync(x, stateName, parameters, maxItems).ConfigureAwait(false),
            GetObject when _manifestType == "ATHENA_DATA" => await FromAthenaManifestAsync(x, stateName, parameters, maxItems).ConfigureAwait(false),
            GetObject => await FromObjectAsync(x, stateName, parameters, maxItems).ConfigureAwait(false),
            ListObjects => await FromListingAsync(x, stateName, parameters, maxItems).ConfigureAwait(false),
            _ => throw Failed($"The ItemReader resource '{_call.Resource}' is not supported; use {GetObject} or {ListObjects}."),
        };
        return JArray.Own([.. items]);
    }

    private async ValueTask<List<JValue>> FromObjectAsync(Execution x, string stateName, JObject parameters, int maxItems)
    {
        var body = await ReadTextAsync(x, stateName, parameters).ConfigureAwait(false);
        return Items(body, _inputType, maxItems);
    }

    /// <summary>
    /// An S3 inventory (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html, "Amazon S3 inventory"):
    /// the manifest.json names CSV data files (usually .csv.gz) in its destinationBucket and their columns in fileSchema;
    /// every row is an item whose members are those columns, as strings.
    /// </summary>
    private async ValueTask<List<JValue>> FromInventoryAsync(Execution x, string stateName, JObject parameters, int maxItems)
    {
        var text = await ReadTextAsync(x, stateName, parameters).ConfigureAwait(false);
        if (!JsonText.TryParse(text, out var parsed, out var error) || parsed is not JObject manifest)
            throw Failed("The S3 inventory manifest is not a JSON object" + (error is null ? "." : ": " + error));
        if (manifest["fileFormat"] is JString format && !string.Equals(format.Value, "CSV", StringComparison.OrdinalIgnoreCase))
            throw Failed($"The S3 inventory's fileFormat is '{format.Value}': only CSV inventories can be read.");
        if (manifest["fileSchema"] is not JString schema || schema.Value.Trim().Length == 0)
            throw Failed("The S3 inventory manifest has no fileSchema (the CSV columns, e.g. \"Bucket, Key, Size, LastModifiedDate\").");
        if (manifest["files"] is not JArray files)
            throw Failed("The S3 inventory manifest has no files array.");
        var headers = schema.Value.Split(',').Select(h => h.Trim()).ToArray();
        // destinationBucket is an ARN (arn:aws:s3:::name); the data files are in that bucket.
        var bucket = manifest["destinationBucket"] is JString d ? (d.Value.StartsWith("arn:aws:s3:::", StringComparison.Ordinal) ? d.Value["arn:aws:s3:::".Length..] : d.Value)
            : parameters["Bucket"] is JString pb ? pb.Value : throw Failed("The S3 inventory manifest has no destinationBucket.");
        var items = new List<JValue>();
        foreach (var file in files)
        {
            if (file is not JObject f || f["key"] is not JString key)
                throw Failed("Every entry of the S3 inventory manifest's files must have a key.");
            if (maxItems > 0 && items.Count >= maxItems)
                break;
            var body = await ReadTextAsync(x, stateName, ObjectParameters(bucket, key.Value)).ConfigureAwait(false);
            items.AddRange(CsvItems.Parse(body, _delimiter, headers, maxItems > 0 ? maxItems - items.Count : 0));
        }

        return items;
    }

    /// <summary>An Athena UNLOAD manifest: one s3://bucket/key per line, each object read as the InputType says (its CSV has no header row).</summary>
    private async ValueTask<List<JValue>> FromAthenaManifestAsync(Execution x, string stateName, JObject parameters, int maxItems)
    {
        if (_inputType == "PARQUET")
            throw Failed("Parquet data files are not supported by Quickstep's ItemReader; unload the query as CSV or JSONL.");
        var text = await ReadTextAsync(x, stateName, parameters).ConfigureAwait(false);
        var items = new List<JValue>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim().Trim('"');
            if (line.Length == 0)
                continue;
            if (maxItems > 0 && items.Count >= maxItems)
                break;
            if (!line.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || line.IndexOf('/', 5) is var slash && slash <= 5)
                throw Failed($"The Athena manifest line '{line}' is not an s3://bucket/key URI.");
            var body = await ReadTextAsync(x, stateName, ObjectParameters(line[5..slash], line[(slash + 1)..])).ConfigureAwait(false);
            items.AddRange(Items(body, _inputType, maxItems > 0 ? maxItems - items.Count : 0));
        }

        return items;
    }

    private static JObject ObjectParameters(string bucket, string key) =>
        new JObjectBuilder(2).AddUnique("Bucket", JValue.FromString(bucket)).AddUnique("Key", JValue.FromString(key)).Build();

    private async ValueTask<string> ReadTextAsync(Execution x, string stateName, JObject parameters)
    {
        var result = await CallAsync(x, stateName, GetObject, parameters).ConfigureAwait(false);
        return result is JObject o && o["Body"] is JString s ? s.Value : throw Failed("The S3 object's body could not be read as text.");
    }

    private List<JValue> Items(string body, string? inputType, int maxItems)
    {
        switch (inputType)
        {
            case "CSV":
                return CsvItems.Parse(body, _delimiter, _headers, maxItems);
            case "JSONL":
                {
                    var items = new List<JValue>();
                    foreach (var line in body.Split('\n'))
                    {
                        if (line.Trim().Length == 0)
                            continue;
                        if (maxItems > 0 && items.Count == maxItems)
                            break;
                        items.Add(Parse(line));
                    }

                    return items;
                }

            case "JSON" or null:
                {
                    if (Parse(body) is not JArray array)
                        throw Failed("Attempting to map over non-iterable node.");
                    return maxItems > 0 ? [.. array.Take(maxItems)] : [.. array];
                }

            default:
                throw Failed($"The ItemReader InputType '{_inputType}' is not supported.");
        }
    }

    /// <summary>Every object under the prefix, page by page: {Etag, Key, LastModified (epoch seconds), Size, StorageClass}.</summary>
    private async ValueTask<List<JValue>> FromListingAsync(Execution x, string stateName, JObject parameters, int maxItems)
    {
        var items = new List<JValue>();
        var request = parameters;
        while (true)
        {
            var page = await CallAsync(x, stateName, ListObjects, request).ConfigureAwait(false) as JObject ?? throw Failed("The listing is not an object.");
            if (page["Contents"] is JArray contents)
            {
                foreach (var c in contents.OfType<JObject>())
                {
                    if (maxItems > 0 && items.Count == maxItems)
                        return items;
                    var modified = c["LastModified"] is JString lm && DateTimeOffset.TryParse(lm.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d.ToUnixTimeSeconds() : 0;
                    items.Add(new JObjectBuilder(5)
                        .Set("Etag", c["ETag"] ?? JString.Empty)
                        .Set("Key", c["Key"] ?? JString.Empty)
                        .Set("LastModified", JValue.FromNumber(modified))
                        .Set("Size", c["Size"] ?? JNumber.Zero)
                        .Set("StorageClass", c["StorageClass"] ?? JValue.FromString("STANDARD"))
                        .Build());
                }
            }

            if (page["IsTruncated"] is not JBool { Value: true } || page["NextContinuationToken"] is not JString token)
                return items;
            request = parameters.With("ContinuationToken", token);
        }
    }

    private async ValueTask<JValue> CallAsync(Execution x, string stateName, string resource, JObject parameters)
    {
        var result = await _call.CallAsync(x, stateName, resource, parameters).ConfigureAwait(false);
        if (result.Error is { } error)
            throw Failed(error.Cause ?? error.Error);
        return result.Output ?? JValue.Null;
    }

    private static JValue Parse(string text)
    {
        try
        {
            return JValue.Parse(text);
        }
        catch (JsonTextException e)
        {
            throw Failed("The S3 object is not valid JSON: " + e.Message);
        }
    }

    private static MapIoException Failed(string cause) => new(new StatesError(StatesErrors.ItemReaderFailed, cause));
}
