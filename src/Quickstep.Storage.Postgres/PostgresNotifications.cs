using System.Collections.Concurrent;
using Npgsql;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// One listening connection per database (LISTEN on <see cref="Channel"/>) that hands each notification any node
/// sends with <see cref="NotifySql"/> to the handlers subscribed to its topic. Payloads are <c>topic:name</c>
/// (e.g. <c>sqs:orders</c>); the sender's own notifications come back too. Notifications sent while the connection
/// is being re-established are lost, so a waiter must still look again at its timeout. Handlers run on the
/// connection's reading thread: they should only signal (wake a waiter), not work.
/// </summary>
public sealed class PostgresNotifications : IAsyncDisposable
{
    /// <summary>The one channel every notification of Quickstep goes through.</summary>
    public const string Channel = "quickstep";

    /// <summary>SQL that notifies <c>@topic</c> about <c>@name</c> (delivered when its transaction commits).</summary>
    internal const string NotifySql = "SELECT pg_notify('" + Channel + "', @topic || ':' || @name)";

    private readonly PostgresDatabase _db;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _handlers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task? _loop;

    public PostgresNotifications(PostgresDatabase database, TimeProvider? timeProvider = null)
    {
        _db = database ?? throw new ArgumentNullException(nameof(database));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Completes once the first LISTEN is in place (notifications sent after that reach the handlers).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Calls <paramref name="handler"/> with the name of every notification on <paramref name="topic"/> until the result is disposed; starts listening on first use.</summary>
    public IDisposable Subscribe(string topic, Action<string> handler)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, topic, handler);
        _handlers.GetOrAdd(topic, _ => new ConcurrentDictionary<Subscription, byte>()).TryAdd(subscription, 0);
        lock (_gate)
            _loop ??= Task.Run(ListenAsync);
        return subscription;
    }

    private async Task ListenAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _db.DataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                    await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                _listening.TrySetResult();
                while (true)
                    await connection.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                // The connection broke (database restarted, network): listen again after a pause.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var colon = e.Payload.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !_handlers.TryGetValue(e.Payload[..colon], out var handlers))
            return;
        var name = e.Payload[(colon + 1)..];
        foreach (var s in handlers.Keys)
        {
            try
            {
                s.Handler(name);
            }
#pragma warning disable CA1031 // a failing handler must not end the listening connection of every other one.
            catch (Exception)
#pragma warning restore CA1031
            {
                // The handler's own concern: a wake-up it missed is made up by its waiter's timeout.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task? loop;
        lock (_gate)
            loop = _loop;
        if (loop is not null)
            await loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private sealed class Subscription(PostgresNotifications owner, string topic, Action<string> handler) : IDisposable
    {
        public Action<string> Handler { get; } = handler;

        public void Dispose()
        {
            if (owner._handlers.TryGetValue(topic, out var handlers))
                handlers.TryRemove(this, out _);
        }
    }
}
