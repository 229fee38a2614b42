using System.Text;
using System.Text.Json;
using Reminders.Core.Delivery;
using Reminders.Functions.Triggers;

namespace Reminders.Tests.FunctionsHost;

/// <summary>The payload readers on their own, fed the host's shapes (reference §3.2) and the Learn article's.</summary>
public sealed class HostPayloadDecodingTests
{
    private const string Message = """{"items":[{"phone":"+12125550123","dueUtc":"2026-06-10T13:30:00+00:00"}]}""";

    private static readonly NudgeItem Expected = new("+12125550123", new DateTimeOffset(2026, 6, 10, 13, 30, 0, TimeSpan.Zero));

    [Fact]
    public void Decode_HostDoubleEncodedMessage_ReadsTheBatch()
    {
        var invocation = Parse(HostPayloads.Queue(Message));

        Assert.True(invocation.TryGetData("batch", out var value));
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        Assert.StartsWith("\"", value.GetString(), StringComparison.Ordinal);
        Assert.True(QueueMessage.TryDecode(value, out var batch, out var error), error);
        Assert.Equal([Expected], batch.Items);
    }

    [Fact]
    public void Decode_SingleEncodedMessage_ReadsTheBatch()
    {
        var invocation = Parse(HostPayloads.QueueAsDocumented(Message));

        Assert.True(invocation.TryGetData("batch", out var value));
        Assert.True(QueueMessage.TryDecode(value, out var batch, out var error), error);
        Assert.Equal([Expected], batch.Items);
    }

    [Fact]
    public void Decode_IndentedCrLfMessageWithZuluTimes_ReadsTheSameInstant()
    {
        const string stored = "{\r\n  \"items\": [\r\n    {\r\n      \"phone\": \"+12125550123\",\r\n      \"dueUtc\": \"2026-06-10T09:30:00-04:00\"\r\n    }\r\n  ]\r\n}";
        var invocation = Parse(HostPayloads.Queue(stored));

        Assert.True(invocation.TryGetData("batch", out var value));
        Assert.True(QueueMessage.TryDecode(value, out var batch, out var error), error);
        Assert.Equal(Expected.DueUtc, Assert.Single(batch.Items).DueUtc);
    }

    [Fact]
    public void Decode_MessageAsObject_ReadsTheBatch()
    {
        using var document = JsonDocument.Parse(Message);

        Assert.True(QueueMessage.TryDecode(document.RootElement, out var batch, out _));
        Assert.Equal([Expected], batch.Items);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"not json\"")]
    [InlineData("\"\\\"still not json\\\"\"")]
    [InlineData("\"[1,2]\"")]
    [InlineData("{}")]
    [InlineData("{\"items\":null}")]
    [InlineData("{\"items\":[{\"dueUtc\":\"2026-06-10T13:30:00+00:00\"}]}")]
    [InlineData("{\"items\":[{\"phone\":\"+12125550123\"}]}")]
    [InlineData("{\"items\":[{\"phone\":\"+12125550123\",\"dueUtc\":\"yesterday\"}]}")]
    [InlineData("{\"items\":[null]}")]
    [InlineData("\"\\\"\\\\\\\"\\\\\\\"\\\"\"")]
    public void Decode_MalformedMessage_FailsWithAReason(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(QueueMessage.TryDecode(document.RootElement, out var batch, out var error));
        Assert.Null(batch);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("\"1\"", 1L)]
    [InlineData("1", 1L)]
    [InlineData("\"\\\"3\\\"\"", 3L)]
    [InlineData("\"x\"", null)]
    [InlineData("{}", null)]
    public void MetadataNumber_DequeueCountInEachForm_ReadsTheNumber(string value, long? expected)
    {
        var invocation = Parse("{\"Data\":{},\"Metadata\":{\"DequeueCount\":" + value + "}}");

        Assert.Equal(expected, invocation.MetadataNumber("DequeueCount"));
    }

    [Fact]
    public void MetadataText_QuotedAndBareId_ReadWithoutQuotes()
    {
        Assert.Equal(HostPayloads.MessageId, Parse(HostPayloads.Queue(Message)).MetadataText("Id"));
        Assert.Equal(HostPayloads.MessageId, Parse(HostPayloads.QueueAsDocumented(Message)).MetadataText("Id"));
        Assert.Null(Parse(HostPayloads.Queue(Message)).MetadataText("Missing"));
    }

    [Theory]
    [InlineData("""{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2025-01-01T08:55:00+00:00","Next":"2025-01-01T09:00:00+00:00","LastUpdated":"2025-01-01T08:55:00+00:00"},"IsPastDue":false}""", false)]
    [InlineData("""{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":true}""", true)]
    [InlineData("""{"Schedule":{},"ScheduleStatus":{"Last":"0001-01-01T00:00:00","Next":"2025-01-01T09:00:00","LastUpdated":"0001-01-01T00:00:00"},"IsPastDue":false}""", false)]
    [InlineData("""{"schedule":{},"isPastDue":true}""", true)]
    public void TimerInfo_HostAndDocumentedShapes_ReadIsPastDue(string json, bool isPastDue)
    {
        using var document = JsonDocument.Parse(json);

        Assert.True(TimerInfo.TryRead(document.RootElement, out var timer, out var error), error);
        Assert.Equal(isPastDue, timer.IsPastDue);
    }

    [Theory]
    [InlineData("\"timer\"")]
    [InlineData("[]")]
    [InlineData("""{"IsPastDue":"perhaps"}""")]
    public void TimerInfo_NotATimerObject_FailsWithAReason(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(TimerInfo.TryRead(document.RootElement, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"Metadata\":{}}")]
    [InlineData("{\"Data\":\"x\"}")]
    public void Parse_NotAnInvocation_FailsWithAReason(string body)
    {
        Assert.Null(HostInvocation.Parse(Encoding.UTF8.GetBytes(body), out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    private static HostInvocation Parse(string body) =>
        HostInvocation.Parse(Encoding.UTF8.GetBytes(body), out var error) ?? throw new InvalidOperationException(error);
}
