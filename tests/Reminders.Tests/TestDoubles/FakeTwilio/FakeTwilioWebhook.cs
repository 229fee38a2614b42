namespace Reminders.Tests.TestDoubles.FakeTwilio;

/// <summary>
/// A webhook as Twilio would send it: the public URL it is signed for, the form, and the signature header
/// (null = header missing). The <c>With…</c> methods make forged variants for negative tests.
/// </summary>
public sealed record FakeTwilioWebhook(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Form, string? Signature)
{
    /// <summary>The value of <paramref name="name"/> in the form, or null.</summary>
    public string? this[string name] => Form.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    /// <summary>The same request with <paramref name="name"/> set to <paramref name="value"/>, keeping the old signature (a replay with a changed body).</summary>
    public FakeTwilioWebhook WithField(string name, string value) =>
        this with { Form = [.. Form.Where(p => p.Key != name), new(name, value)] };

    /// <summary>The same request with another signature header (null removes it).</summary>
    public FakeTwilioWebhook WithSignature(string? signature) => this with { Signature = signature };

    /// <summary>The same request signed again with <paramref name="authToken"/> (for example a wrong token).</summary>
    public FakeTwilioWebhook SignedWith(string authToken) => this with { Signature = FakeTwilioSigner.Sign(authToken, Url.OriginalString, Form) };

    /// <summary>
    /// Posts the webhook to <paramref name="app"/> (a client whose base address is the app, in-memory or real) at
    /// the path and query of <see cref="Url"/>, form-encoded, with the signature header as Twilio sends it.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(HttpClient app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url.PathAndQuery, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(Form),
        };
        request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");
        request.Headers.Accept.ParseAdd("*/*");
        if (Signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Twilio-Signature", Signature);
        }

        return await app.SendAsync(request, cancellationToken);
    }
}
