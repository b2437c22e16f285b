using System.Globalization;
using Quickstep.Json;

namespace Quickstep.Services.Sqs;

/// <summary>
/// A queue's settable attributes (immutable; a change makes a new instance). Values are kept as SQS returns
/// them from GetQueueAttributes; <see cref="With"/> validates a change as CreateQueue/SetQueueAttributes do.
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
/// </summary>
internal sealed class SqsQueueAttributes
{
    public const int DefaultMaximumMessageSize = 262_144;

    /// <summary>Attributes GetQueueAttributes knows; the settable ones plus the read-only ones.</summary>
    public static readonly HashSet<string> ReadOnlyNames = new(StringComparer.Ordinal)
    {
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
        "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn",
    };

    /// <summary>Attributes CreateQueue and SetQueueAttributes take.</summary>
    public static readonly HashSet<string> SettableNames = new(StringComparer.Ordinal)
    {
        "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize",
        "KmsDataKeyReusePeriodSeconds", "FifoQueue", "ContentBasedDeduplication", "SqsManagedSseEnabled", "DeduplicationScope",
        "FifoThroughputLimit", "Policy", "KmsMasterKeyId", "RedrivePolicy", "RedriveAllowPolicy",
    };

    private static readonly string[] FifoOnly = ["FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"];

    private readonly SortedDictionary<string, string> _values;

    private SqsQueueAttributes(SortedDictionary<string, string> values)
    {
        _values = values;
        VisibilityTimeout = Int("VisibilityTimeout");
        MessageRetentionPeriod = Int("MessageRetentionPeriod");
        DelaySeconds = Int("DelaySeconds");
        ReceiveMessageWaitTimeSeconds = Int("ReceiveMessageWaitTimeSeconds");
        MaximumMessageSize = Int("MaximumMessageSize");
        FifoQueue = values.TryGetValue("FifoQueue", out var f) && f == "true";
        ContentBasedDeduplication = values.TryGetValue("ContentBasedDeduplication", out var c) && c == "true";
        if (values.TryGetValue("RedrivePolicy", out var redrive))
        {
            var o = (JObject)JsonText.Parse(redrive);
            DeadLetterTargetArn = ((JString)o["deadLetterTargetArn"]!).Value;
            MaxReceiveCount = (int)((JNumber)o["maxReceiveCount"]!).Value;
        }

        if (values.TryGetValue("RedriveAllowPolicy", out var allow))
            RedriveAllow = (JObject)JsonText.Parse(allow);
    }

    public int VisibilityTimeout { get; }

    public int MessageRetentionPeriod { get; }

    public int DelaySeconds { get; }

    public int ReceiveMessageWaitTimeSeconds { get; }

    public int MaximumMessageSize { get; }

    public bool FifoQueue { get; }

    public bool ContentBasedDeduplication { get; }

    public string? DeadLetterTargetArn { get; }

    /// <summary>0 when the queue has no redrive policy.</summary>
    public int MaxReceiveCount { get; }

    public JObject? RedriveAllow { get; }

    public IReadOnlyDictionary<string, string> Values => _values;

    public static SqsQueueAttributes Defaults(bool fifo)
    {
        var v = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["VisibilityTimeout"] = "30",
            ["MessageRetentionPeriod"] = "345600",
            ["DelaySeconds"] = "0",
            ["ReceiveMessageWaitTimeSeconds"] = "0",
            ["MaximumMessageSize"] = DefaultMaximumMessageSize.ToString(CultureInfo.InvariantCulture),
            ["SqsManagedSseEnabled"] = "true",
        };
        if (fifo)
        {
            v["FifoQueue"] = "true";
            v["ContentBasedDeduplication"] = "false";
            v["DeduplicationScope"] = "queue";
            v["FifoThroughputLimit"] = "perQueue";
        }

        return new SqsQueueAttributes(v);
    }

    /// <summary>Restores stored attributes.</summary>
    public static SqsQueueAttributes FromJson(string json)
    {
        var v = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, value) in (JObject)JsonText.Parse(json))
            v[k] = ((JString)value).Value;
        return new SqsQueueAttributes(v);
    }

    public string ToJson()
    {
        var b = new JObjectBuilder(_values.Count);
        foreach (var (k, v) in _values)
            b.AddUnique(k, JValue.FromString(v));
        return b.Build().ToString();
    }

    /// <summary>The normalized value <paramref name="value"/> would be stored as, or an error as SQS words it.</summary>
    /// <param name="creating">CreateQueue may set FifoQueue; SetQueueAttributes may not change it.</param>
    /// <param name="findByArn">Finds a queue for a redrive policy's target.</param>
    public SqsQueueAttributes With(IEnumerable<KeyValuePair<string, string>> changes, bool creating, string selfArn, Func<string, SqsQueue?> findByArn)
    {
        var v = new SortedDictionary<string, string>(_values, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            if (name == "FifoQueue")
            {
                // CreateQueue chose the defaults by it already.
                if (!creating && Normalize(name, value, FifoQueue) != (FifoQueue ? "true" : "false"))
                    throw SqsErrors.InvalidAttributeValue(name, "Modifying queue type is not supported.");
                continue;
            }

            if (!FifoQueue && Array.IndexOf(FifoOnly, name) >= 0)
                throw SqsErrors.InvalidAttributeName(name);
            var normalized = Normalize(name, value, FifoQueue);
            if (normalized is null)
                v.Remove(name);
            else
                v[name] = normalized;
        }

        if (v.TryGetValue("RedrivePolicy", out var redrive))
            CheckRedriveTarget(redrive, FifoQueue, selfArn, findByArn);
        return new SqsQueueAttributes(v);
    }

    /// <summary>Validates one attribute; null removes it (an empty policy).</summary>
    public static string? Normalize(string name, string value, bool fifo)
    {
        switch (name)
        {
            case "VisibilityTimeout":
                return Range(name, value, 0, 43_200);
            case "MessageRetentionPeriod":
                return Range(name, value, 60, 1_209_600);
            case "DelaySeconds":
                return Range(name, value, 0, 900);
            case "ReceiveMessageWaitTimeSeconds":
                return Range(name, value, 0, 20);
            case "MaximumMessageSize":
                return Range(name, value, 1024, DefaultMaximumMessageSize);
            case "KmsDataKeyReusePeriodSeconds":
                return Range(name, value, 60, 86_400);
            case "FifoQueue":
            case "ContentBasedDeduplication":
            case "SqsManagedSseEnabled":
                return Bool(name, value);
            case "DeduplicationScope":
                return value is "messageGroup" or "queue" ? value : throw SqsErrors.InvalidAttributeValue(name);
            case "FifoThroughputLimit":
                return value is "perQueue" or "perMessageGroupId" ? value : throw SqsErrors.InvalidAttributeValue(name);
            case "Policy":
            case "KmsMasterKeyId":
                return value.Length == 0 ? null : value;
            case "RedrivePolicy":
                return value.Length == 0 ? null : NormalizeRedrive(value);
            case "RedriveAllowPolicy":
                return value.Length == 0 ? null : NormalizeRedriveAllow(value);
            default:
                throw SqsErrors.InvalidAttributeName(name);
        }
    }

    private static string Range(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n.ToString(CultureInfo.InvariantCulture)
            : throw SqsErrors.InvalidAttributeValue(name);

    private static string Bool(string name, string value) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true"
        : value.Equals("false", StringComparison.OrdinalIgnoreCase) ? "false"
        : throw SqsErrors.InvalidAttributeValue(name);

    private static string NormalizeRedrive(string value)
    {
        if (!JsonText.TryParse(value, out var parsed, out _) || parsed is not JObject o)
            throw SqsErrors.InvalidParameter("RedrivePolicy", value, "Redrive policy is not a valid JSON map.");
        if (o["deadLetterTargetArn"] is not JString target)
            throw SqsErrors.InvalidParameter("RedrivePolicy", value, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
        var count = o["maxReceiveCount"] switch
        {
            JNumber n when n.TryGetInt32(out var i) => i,
            JString s when int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i,
            null => throw SqsErrors.InvalidParameter("RedrivePolicy", value, "Redrive policy does not contain mandatory attribute: maxReceiveCount."),
            var other => throw SqsErrors.InvalidParameter("RedrivePolicy", value, $"Invalid value for maxReceiveCount: {other}, valid values are from 1 to 1000 both inclusive."),
        };
        if (count is < 1 or > 1000)
            throw SqsErrors.InvalidParameter("RedrivePolicy", value, $"Invalid value for maxReceiveCount: {count}, valid values are from 1 to 1000 both inclusive.");
        var b = new JObjectBuilder(2);
        b.AddUnique("deadLetterTargetArn", target);
        b.AddUnique("maxReceiveCount", JValue.FromNumber(count));
        return b.Build().ToString();
    }

    private static string NormalizeRedriveAllow(string value)
    {
        if (!JsonText.TryParse(value, out var parsed, out _) || parsed is not JObject o || o["redrivePermission"] is not JString permission)
            throw SqsErrors.InvalidParameter("RedriveAllowPolicy", value, "Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.");
        var sources = o["sourceQueueArns"] as JArray;
        switch (permission.Value)
        {
            case "allowAll" or "denyAll" when sources is null:
                break;
            case "byQueue" when sources is { Count: >= 1 and <= 10 } && sources.All(s => s is JString):
                break;
            default:
                throw SqsErrors.InvalidParameter("RedriveAllowPolicy", value, "Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.");
        }

        return o.ToString();
    }

    private static void CheckRedriveTarget(string redrive, bool fifo, string selfArn, Func<string, SqsQueue?> findByArn)
    {
        var o = (JObject)JsonText.Parse(redrive);
        var arn = ((JString)o["deadLetterTargetArn"]!).Value;
        var target = findByArn(arn) ?? throw SqsErrors.InvalidParameter("RedrivePolicy", redrive, "Dead letter target does not exist.");
        if (target.IsFifo != fifo)
            throw SqsErrors.InvalidParameter("RedrivePolicy", redrive, "Dead-letter queue must be same type of queue as the source.");
        if (target.Attributes.RedriveAllow is { } allow && !Allows(allow, selfArn))
            throw SqsErrors.InvalidParameter("RedrivePolicy", redrive, $"Queue {arn} does not allow this queue to use it as a dead-letter queue.");
    }

    private static bool Allows(JObject allow, string sourceArn) => ((JString)allow["redrivePermission"]!).Value switch
    {
        "allowAll" => true,
        "denyAll" => false,
        _ => allow["sourceQueueArns"] is JArray arns && arns.Any(a => a is JString s && s.Value == sourceArn),
    };

    private int Int(string name) => int.Parse(_values[name], CultureInfo.InvariantCulture);
}
