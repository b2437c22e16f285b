using System.Globalization;
using Quickstep.Asl.Compilation;

namespace Quickstep.Asl.Tests.Compilation;

public sealed class AslTimestampTests
{
    [Theory]
    [InlineData("2024-01-01T00:00:00.0000000+00:00")]
    [InlineData("2026-11-25T15:42:33.8861234+00:00")]
    [InlineData("0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("0999-12-31T23:59:59.9999999+00:00")]
    [InlineData("9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("2024-02-29T12:05:09.0070000+05:30")]
    [InlineData("2024-03-01T01:00:00.1230000-08:00")]
    public void Format_AnyInstant_MatchesTheCustomFormatString(string roundTrip)
    {
        var value = DateTimeOffset.Parse(roundTrip, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var expected = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        Assert.Equal(expected, AslTimestamp.Format(value));
    }

    [Fact]
    public void Format_Start_IsAwsContextForm()
    {
        Assert.Equal("2024-01-01T00:00:00.000Z", AslTimestamp.Format(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
