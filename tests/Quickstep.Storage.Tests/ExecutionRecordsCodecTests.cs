namespace Quickstep.Storage.Tests;

/// <summary>History and log records as the one JSON text per execution the stores keep: exact text, and back again.</summary>
public sealed class ExecutionRecordsCodecTests
{
    [Fact]
    public void History_IsAnArrayOfIdAndEvent_AndDecodesBack()
    {
        HistoryRecord[] history = [new(1, """{"type":"ExecutionStarted"}"""), new(2, """{"type":"PassStateEntered","n":[1,2]}""")];
        var text = ExecutionRecordsCodec.EncodeHistory(history);
        Assert.Equal("""[[1,{"type":"ExecutionStarted"}],[2,{"type":"PassStateEntered","n":[1,2]}]]""", text);
        Assert.Equal(history, ExecutionRecordsCodec.DecodeHistory(text));
    }

    [Fact]
    public void Logs_AreAnArrayOfIdTimestampAndRecord_AndDecodeBack()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        LogRecord[] logs = [new(7, at, """{"level":"ALL"}"""), new(8, at.AddMilliseconds(5), "{}")];
        var text = ExecutionRecordsCodec.EncodeLogs(logs);
        Assert.Equal("""[[7,1700000000123,{"level":"ALL"}],[8,1700000000128,{}]]""", text);
        Assert.Equal(logs, ExecutionRecordsCodec.DecodeLogs(text));
    }

    [Fact]
    public void NoRecords_AreAnEmptyArray()
    {
        Assert.Equal("[]", ExecutionRecordsCodec.EncodeHistory([]));
        Assert.Equal("[]", ExecutionRecordsCodec.EncodeLogs([]));
        Assert.Empty(ExecutionRecordsCodec.DecodeHistory("[]"));
    }
}
