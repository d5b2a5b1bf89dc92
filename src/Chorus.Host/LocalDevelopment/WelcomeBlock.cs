using Chorus.Host.Api;
using Chorus.LocalComponents;

namespace Chorus.Host.LocalDevelopment;

/// <summary>
/// What the run command prints once everything listens: one block with every address, key and path needed to try
/// Chorus, so nobody has to dig them out of the logs above it.
/// </summary>
internal sealed record WelcomeBlock(Uri BaseUri)
{
    /// <summary>Gets the API key the run command made, or null when keys are configured (and not printed).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets whether the dev keys are kept in <see cref="Folder"/> rather than made for this run only.</summary>
    public bool KeysKept { get; init; }

    public MaildevServer? Maildev { get; init; }

    public AzuriteServer? Azurite { get; init; }

    /// <summary>Gets the dev folder, when the run command keeps anything there.</summary>
    public LocalDataFolder? Folder { get; init; }

    /// <summary>Gets the bundled sample feed, when no mention source is configured.</summary>
    public Uri? SampleFeed { get; init; }

    /// <summary>Gets how to open the dashboard: its one-time sign-in link, or where Entra ID sign-in starts.</summary>
    public string? Dashboard { get; init; }

    public void Write(TextWriter output)
    {
        List<(string Label, string Value)> rows =
        [
            ("Dashboard", Dashboard ?? $"{BaseUri}dashboard"),
            ("API", $"{BaseUri}api/posts, {BaseUri}api/mentions"),
            ("API docs", $"{BaseUri}docs"),
            ("API key", ApiKey is null
                ? $"configured under Api:Keys; send it as the {ApiKeyOptions.HeaderName} header"
                : $"{ApiKey}   (send it as the {ApiKeyOptions.HeaderName} header; {(KeysKept ? "kept across restarts" : "for this run only")})"),
            ("Emails", Maildev is null
                ? "sent through the SMTP server under Mail:Host"
                : $"{Maildev.WebUri}   (maildev: every email Chorus sends, approval links included; SMTP 127.0.0.1:{Maildev.SmtpPort})"),
        ];
        if (Azurite is null)
        {
            rows.Add(("Storage", "as configured (Durable:ConnectionString or Durable:AccountName)"));
        }
        else
        {
            rows.Add(("Blob endpoint", $"{Azurite.BlobEndpoint}   (Azurite; queue {Azurite.QueueEndpoint}, table {Azurite.TableEndpoint})"));
            rows.Add(("Connection", Azurite.ConnectionString));
            rows.Add((string.Empty, "(the dev storage connection string, for Azure Storage Explorer or az storage; its ports change each run)"));
        }

        if (SampleFeed is not null)
        {
            rows.Add(("Mentions", $"polling the bundled sample feed {SampleFeed} every 20 s"));
        }

        if (Folder is null)
        {
            rows.Add(("Dev data", "nothing kept: storage in memory, keys for this run only (LocalDevelopment:Persist=false)"));
        }
        else
        {
            rows.Add(("Dev data", $"{Folder.Path}   (git-ignored, owner-only)"));
            rows.Add((string.Empty, $"dev-keys.json: the API and approval-link signing keys; azurite/: storage; data-protection/"));
            rows.Add(("Start afresh", $"stop Chorus, then delete {Folder.Path}"));
        }

        if (ApiKey is not null)
        {
            rows.Add(("Try", $"curl -H \"{ApiKeyOptions.HeaderName}: {ApiKey}\" {BaseUri}api/posts"));
        }

        rows.Add(("Stop", "Ctrl+C (Azurite and maildev stop with it)"));

        int width = rows.Max(r => r.Label.Length) + 3;
        output.WriteLine();
        output.WriteLine("chorus: ready. Chorus is running:");
        foreach ((string label, string value) in rows)
        {
            output.WriteLine("  " + label.PadRight(width) + value);
        }

        output.WriteLine();
    }
}
