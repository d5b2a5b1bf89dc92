using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chorus.Host.Tests;

/// <summary>Reads what maildev received, over its REST API.</summary>
internal sealed partial class Mailbox(Uri webUri)
{
    private static readonly HttpClient Http = new();

    public async Task<IReadOnlyList<ReceivedMail>> AllAsync()
    {
        JsonElement[] mails = (await Http.GetFromJsonAsync<JsonElement[]>(new Uri(webUri, "api/email")))!;
        return mails.Select(m => new ReceivedMail(
            m.GetProperty("subject").GetString() ?? string.Empty,
            m.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString()!).ToList(),
            m.TryGetProperty("html", out JsonElement html) ? html.GetString() ?? string.Empty : string.Empty,
            m.TryGetProperty("text", out JsonElement text) ? text.GetString() ?? string.Empty : string.Empty,
            m.GetProperty("time").GetDateTimeOffset())
        {
            MessageId = MessageIdOf(m),
        }).ToList();
    }

    /// <summary>The Message-ID header (mailparser's headers are keyed in lower case), or null.</summary>
    private static string? MessageIdOf(JsonElement mail)
        => mail.TryGetProperty("headers", out JsonElement headers) && headers.ValueKind == JsonValueKind.Object
            && headers.EnumerateObject().FirstOrDefault(h => h.Name.Equals("message-id", StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } id
                ? id.GetString()
                : null;

    /// <summary>Waits for a mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<ReceivedMail> WaitForAsync(string to, string subject, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            ReceivedMail? mail = (await AllAsync()).FirstOrDefault(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal));
            if (mail is not null)
            {
                return mail;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail to {to} with '{subject}' arrived. Got: {string.Join(" | ", (await AllAsync()).Select(m => $"{string.Join(",", m.To)}: {m.Subject}"))}");
            }

            await Task.Delay(100);
        }
    }

    public async Task<int> CountAsync(string to, string subject)
        => (await AllAsync()).Count(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal));
}

/// <summary>A received mail, its time as maildev reports it (the Date header: whole seconds), and the approval links in it.</summary>
internal sealed partial record ReceivedMail(string Subject, IReadOnlyList<string> To, string Html, string Text, DateTimeOffset ReceivedAt)
{
    /// <summary>Gets the Message-ID header.</summary>
    public string? MessageId { get; init; }

    public IReadOnlyList<Uri> Links => LinkPattern().Matches(Html).Select(m => new Uri(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))).Distinct().ToList();

    public Uri Link(string label) => new(System.Net.WebUtility.HtmlDecode(Regex.Match(Html, $"<a href=\"([^\"]+)\"[^>]*>{label}</a>").Groups[1].Value));

    [GeneratedRegex("<a href=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();
}
