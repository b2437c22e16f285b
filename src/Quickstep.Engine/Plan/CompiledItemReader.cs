using System.Globalization;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Model;
using Quickstep.Engine.Ports;
using Quickstep.Engine.Runtime;
using Quickstep.Json;

namespace Quickstep.Engine.Plan;

/// <summary>
/// A Distributed Map's ItemReader (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html):
/// the items come from an S3 object (<c>arn:aws:states:::s3:getObject</c> with ReaderConfig.InputType JSON,
/// JSONL or CSV) or from listing a prefix (<c>arn:aws:states:::s3:listObjectsV2</c>: one item per object),
/// read through the Task handler that serves the resource. MaxItems caps them. A failure is States.ItemReaderFailed.
/// </summary>
internal sealed class CompiledItemReader
{
    private const string GetObject = "arn:aws:states:::s3:getObject";
    private const string ListObjects = "arn:aws:states:::s3:listObjectsV2";

    private readonly string _resource;
    private readonly IResourceHandler? _handler;
    private readonly PayloadTemplate? _parameters;
    private readonly JsonataTemplate? _arguments;
    private readonly string? _inputType;
    private readonly char _delimiter = ',';
    private readonly IReadOnlyList<string>? _headers;
    private readonly int _maxItems;
    private readonly Asl.Paths.JsonPath? _maxItemsPath;

    public CompiledItemReader(JObject reader, IReadOnlyList<IResourceHandler> handlers, bool jsonata, ExpressionTable expressions)
    {
        _resource = reader["Resource"] is JString r ? r.Value : string.Empty;
        foreach (var h in handlers)
        {
            if (h.CanHandle(_resource))
            {
                _handler = h;
                break;
            }
        }

        if (jsonata && reader["Arguments"] is { } arguments)
            _arguments = JsonataTemplate.Compile(arguments, "Arguments", expressions);
        else if (reader["Parameters"] is { } parameters)
            _parameters = PayloadTemplate.Compile(parameters, expressions);
        if (reader["ReaderConfig"] is JObject config)
        {
            _inputType = config["InputType"] is JString t ? t.Value : null;
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

    public async ValueTask<JArray> ReadAsync(Execution x, string stateName, EvaluationScope scope)
    {
        if (_handler is null)
            throw Failed($"No integration serves the ItemReader resource '{_resource}'.");
        var input = _arguments?.Evaluate(scope) ?? _parameters?.Evaluate(scope) ?? JObject.Empty;
        if (input is not JObject parameters)
            throw Failed("The ItemReader's parameters must be an object.");
        var maxItems = _maxItems;
        if (_maxItemsPath?.Select(scope) is JNumber n && n.TryGetInt32(out var fromPath))
            maxItems = fromPath;
        var items = _resource switch
        {
            GetObject => await FromObjectAsync(x, stateName, parameters, maxItems).ConfigureAwait(false),
            ListObjects => await FromListingAsync(x, stateName, parameters, maxItems).ConfigureAwait(false),
            _ => throw Failed($"The ItemReader resource '{_resource}' is not supported; use {GetObject} or {ListObjects}."),
        };
        return JArray.Own([.. items]);
    }

    private async ValueTask<List<JValue>> FromObjectAsync(Execution x, string stateName, JObject parameters, int maxItems)
    {
        var result = await CallAsync(x, stateName, GetObject, parameters).ConfigureAwait(false);
        var body = result is JObject o && o["Body"] is JString s ? s.Value : throw Failed("The S3 object's body could not be read as text.");
        switch (_inputType)
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
        var request = new TaskRequest(resource, parameters, stateName, x.Machine.Name, x.Arn, 0) { TestCase = x.TestCase };
        var result = await _handler!.InvokeAsync(request, x.Abort).ConfigureAwait(false);
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

    private static StatesException Failed(string cause) => new(StatesErrors.ItemReaderFailed, cause);
}
