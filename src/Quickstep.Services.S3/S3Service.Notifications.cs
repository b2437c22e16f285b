using System.Collections.Concurrent;
using System.Globalization;
using System.Xml.Linq;
using Quickstep.Storage.Objects;

namespace Quickstep.Services.S3;

/// <summary>
/// PutBucketNotificationConfiguration / GetBucketNotificationConfiguration. The document is kept as given (one file
/// per bucket beside the object files); only <c>EventBridgeConfiguration</c> is acted on: object changes go to
/// <see cref="ObjectChanged"/> (the server puts them on the default event bus).
/// </summary>
public sealed partial class S3Service
{
    private const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    private readonly ConcurrentDictionary<string, bool> _eventBridge = new(StringComparer.Ordinal);
    private long _sequencer;

    /// <summary>Told of each object created or deleted in a bucket with EventBridge notifications on.</summary>
    public Func<S3ObjectChange, CancellationToken, Task>? ObjectChanged { get; set; }

    private string NotificationFile(string bucket) => Path.Combine(_options.RootDirectory + "-notifications", bucket + ".xml");

    /// <summary>Stores the bucket's NotificationConfiguration document; a malformed one is S3's MalformedXML.</summary>
    public async Task PutBucketNotificationConfigurationAsync(string bucket, string xml, CancellationToken cancellationToken = default)
    {
        await GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
        XDocument doc;
        try
        {
            doc = XDocument.Parse(xml);
        }
        catch (System.Xml.XmlException)
        {
            throw S3Errors.MalformedXml();
        }

        if (doc.Root?.Name.LocalName != "NotificationConfiguration")
            throw S3Errors.MalformedXml();
        var path = NotificationFile(bucket);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, xml, cancellationToken).ConfigureAwait(false);
        _eventBridge[bucket] = doc.Root.Elements().Any(e => e.Name.LocalName == "EventBridgeConfiguration");
    }

    /// <summary>The stored document, or an empty configuration.</summary>
    public async Task<string> GetBucketNotificationConfigurationAsync(string bucket, CancellationToken cancellationToken = default)
    {
        await GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
        var path = NotificationFile(bucket);
        return File.Exists(path)
            ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)
            : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<NotificationConfiguration xmlns=\"{S3Namespace}\"/>";
    }

    private bool EventBridgeOn(string bucket) => _eventBridge.GetOrAdd(bucket, b =>
    {
        var path = NotificationFile(b);
        return File.Exists(path) && XDocument.Load(path).Root?.Elements().Any(e => e.Name.LocalName == "EventBridgeConfiguration") == true;
    });

    private void ForgetNotifications(string bucket)
    {
        var path = NotificationFile(bucket);
        if (File.Exists(path))
            File.Delete(path);
        _eventBridge.TryRemove(bucket, out _);
    }

    private Task NotifyAsync(ObjectRecord record, string reason, CancellationToken cancellationToken, bool deleted = false)
    {
        if (ObjectChanged is not { } sink || !EventBridgeOn(record.Bucket))
            return Task.CompletedTask;
        var sequencer = Interlocked.Increment(ref _sequencer) + (Now().ToUnixTimeMilliseconds() << 16);
        var change = new S3ObjectChange(record.Bucket, record.Key, deleted ? 0 : record.Size, deleted ? null : record.ETag.Trim('"'), reason, deleted,
            sequencer.ToString("X16", CultureInfo.InvariantCulture), Now());
        return sink(change, cancellationToken);
    }
}
