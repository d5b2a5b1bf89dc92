using System.Net.Http.Json;
using System.Text.Json;
using Chorus.LocalComponents;

namespace Chorus.Infrastructure.Tests.Mail;

/// <summary>One maildev for the mail tests, and a client for its REST API.</summary>
public sealed class MaildevFixture : IAsyncLifetime
{
    private MaildevServer? _server;

    public MaildevServer Server => _server ?? throw new InvalidOperationException("maildev has not started.");

    public HttpClient Api { get; } = new();

    public async Task InitializeAsync()
    {
        _server = await MaildevServer.StartAsync();
        Api.BaseAddress = _server.WebUri;
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Waits for the mail with this Message-ID (angle brackets or not) to arrive and returns maildev's JSON for it.</summary>
    public async Task<JsonElement> WaitForMailAsync(string messageId)
    {
        string wanted = messageId.Trim('<', '>');
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            JsonElement mails = await Api.GetFromJsonAsync<JsonElement>("api/email");
            foreach (JsonElement mail in mails.EnumerateArray())
            {
                if (mail.GetProperty("headers").TryGetProperty("message-id", out JsonElement id) && id.GetString()?.Trim('<', '>') == wanted)
                {
                    return mail;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"maildev has no mail with Message-ID '{messageId}'; it has: {mails}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The raw message maildev received.</summary>
    public Task<byte[]> GetSourceAsync(JsonElement mail) => Api.GetByteArrayAsync($"api/email/{mail.GetProperty("id").GetString()}/source");
}

[CollectionDefinition(Name)]
public sealed class MaildevCollection : ICollectionFixture<MaildevFixture>
{
    public const string Name = "mail on maildev";
}
