using System.Text.Json.Serialization;

namespace Reminders.Core.Sms.Twilio;

/// <summary>Source-generated JSON for the Twilio resources (no reflection at run time).</summary>
[JsonSerializable(typeof(TwilioMessage))]
[JsonSerializable(typeof(TwilioError))]
internal sealed partial class TwilioJsonContext : JsonSerializerContext;
