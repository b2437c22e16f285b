using Quickstep.Storage.Rows;

namespace Quickstep.Storage;

/// <summary>
/// EventBridge buses, whose statements are the same in every dialect; a dialect's subclass keeps the outbox of accepted
/// events (<see cref="IEventBusStore"/>'s other members), which it claims and delivers in its own way.
/// </summary>
public abstract class SqlEventBusStore : SqlStore
{
    private protected SqlEventBusStore(StoreSql sql)
        : base(sql)
    {
    }

    public async Task<bool> TryCreateEventBusAsync(EventBusRecord bus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        return await Sql.ExecAsync($"INSERT INTO event_buses({ServiceRows.EventBusColumns}) VALUES(@n,@a,@d,@t,@c,@u) ON CONFLICT(name) DO NOTHING",
            cancellationToken, ("@n", bus.Name), ("@a", bus.Arn), ("@d", bus.Description), ("@t", StoreJson.TagsText(bus.Tags)),
            ("@c", bus.CreationTime.ToUnixTimeMilliseconds()), ("@u", bus.LastModifiedTime.ToUnixTimeMilliseconds())).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<EventBusRecord>> ListEventBusesAsync(CancellationToken cancellationToken = default) =>
        await Sql.QueryAsync($"SELECT {ServiceRows.EventBusColumns} FROM event_buses ORDER BY name", ServiceRows.EventBus, cancellationToken).ConfigureAwait(false);

    public async Task<bool> DeleteEventBusAsync(string name, CancellationToken cancellationToken = default) =>
        await Sql.ExecAsync("DELETE FROM event_buses WHERE name=@n", cancellationToken, ("@n", name)).ConfigureAwait(false) > 0;
}
