using Reminders.Core.Subscribers;
using Reminders.Core.Validation;

namespace Reminders.Tests.Subscribers;

public sealed class EnumNamesTests
{
    [Theory]
    [InlineData("pending", SubscriberStatus.Pending)]
    [InlineData("active", SubscriberStatus.Active)]
    [InlineData("Paused", SubscriberStatus.Paused)]
    [InlineData("STOPPED", SubscriberStatus.Stopped)]
    public void TryParse_DeclaredName_AnyCase_Parses(string text, SubscriberStatus expected)
    {
        Assert.True(EnumNames.TryParse<SubscriberStatus>(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("active,paused")]
    [InlineData("active, paused")]
    [InlineData("pending,stopped")]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData(" active")]
    [InlineData("active ")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_FlagsListsNumbersOrPadding_Refused(string? text)
    {
        Assert.False(EnumNames.TryParse<SubscriberStatus>(text, out _));
    }

    [Fact]
    public void Status_CommaList_IsAStatusErrorNotStopped()
    {
        var errors = new FieldErrors();

        var status = SubscriptionInput.Status("active,paused", errors);

        Assert.Null(status);
        Assert.Equal(["status"], errors.Keys);
    }
}
