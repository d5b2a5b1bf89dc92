using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Chorus.Host.Tests.Contract;
using Chorus.LocalComponents;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chorus.Host.Tests;

/// <summary>
/// The real self-host (<see cref="ChorusApp"/>) on a free loopback port, against the shared Azurite and maildev, with
/// its own task hub, artefact container and approver addresses, on the real Durable Task Framework.
/// </summary>
internal sealed class ChorusTestHost : IAsyncDisposable
{
    public const string ApiKey = "test-key-0123456789abcdef";

    private static OpenApiContract? _contract;
    private readonly WebApplication _app;

    private ChorusTestHost(WebApplication app, string suffix, BlobContainerClient artefacts, Uri baseUri)
    {
        _app = app;
        Suffix = suffix;
        Artefacts = artefacts;
        BaseUri = baseUri;
        Http = new HttpClient(new ContractCheckingHandler(() => ContractAsync(baseUri))) { BaseAddress = baseUri };
        Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    /// <summary>
    /// The OpenAPI document every host serves (configuration does not change it), read once from the first host asked:
    /// <see cref="Http"/> checks each response against it.
    /// </summary>
    public static async Task<OpenApiContract> ContractAsync(Uri baseUri)
    {
        if (_contract is { } known)
        {
            return known;
        }

        using HttpClient plain = new() { BaseAddress = baseUri };
        return _contract = new OpenApiContract(await plain.GetStringAsync("openapi/v1.json"));
    }

    public string Suffix { get; }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public BlobContainerClient Artefacts { get; }

    public DurableTaskClient Orchestrations => _app.Services.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => _app.Services;

    public string Approver(string name) => $"{name}-{Suffix}@chorus.test";

    /// <param name="register">Adds or replaces services after the self-host's own (a test's in-memory telemetry exporters).</param>
    public static async Task<ChorusTestHost> StartAsync(
        LocalServicesFixture services,
        Action<Dictionary<string, string?>, Func<string, string>>? configure = null,
        string? suffix = null,
        Action<IServiceCollection>? register = null)
    {
        suffix ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        int port = LoopbackPort.GetFree();
        Uri baseUri = new($"http://127.0.0.1:{port}/");
        string Address(string name) => $"{name}-{suffix}@chorus.test";
        Dictionary<string, string?> settings = new()
        {
            ["Urls"] = baseUri.ToString(),
            ["Durable:ConnectionString"] = services.Azurite.ConnectionString,
            ["Durable:HubName"] = "hub" + suffix,
            ["Durable:WorkerId"] = "host-" + suffix,
            ["Durable:PartitionCount"] = "2",
            ["Artefacts:ConnectionString"] = services.Azurite.ConnectionString,
            ["Artefacts:ContainerName"] = "artefacts" + suffix,
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = services.Maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail:FromAddress"] = "chorus@chorus.test",
            ["Approvals:Links:SigningKeys:k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Approvals:Links:ActiveKeyId"] = "k1",
            ["Approvals:Links:PublicBaseUrl"] = baseUri.ToString(),
            ["Api:Keys:tests"] = ApiKey,

            // Tests poll and fuzz far faster than any integration; ApiRateLimitTests sets its own limit.
            ["Api:RateLimit:PermitsPerMinute"] = "1000000",
            ["Posts:Policy:CompanyName"] = "Chorus",
            ["Posts:Policy:BannedTerms:0"] = "guaranteed returns",
            ["Posts:Policy:AllowedLinkDomains:0"] = "chorus.example",
            ["Posts:Review:Stages:0:Name"] = "Communications",
            ["Posts:Review:Stages:0:Mode"] = "FirstResponse",
            ["Posts:Review:Stages:0:Approvers:0"] = Address("comms"),
            ["Posts:Review:Stages:0:Backups:0"] = Address("backup"),
            ["Mentions:Triage:Teams:0:Name"] = "Customer care",
            ["Mentions:Triage:Teams:0:Recipients:0"] = Address("care"),
            ["Mentions:Triage:Teams:0:Backups:0"] = Address("care-lead"),
        };
        configure?.Invoke(settings, Address);

        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddChorus();
        register?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.MapChorus();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start refused by validation leaves nothing running, but the container still holds disposables.
            await app.DisposeAsync();
            throw;
        }

        BlobContainerClient artefacts = new(services.Azurite.ConnectionString, "artefacts" + suffix);
        return new ChorusTestHost(app, suffix, artefacts, baseUri);
    }

    /// <summary>A post's JSON body, by "Ada Author" at <paramref name="author"/> (default <c>author-{suffix}@chorus.test</c>).</summary>
    public string PostBody(string text, string channels = "\"linkedin\"", string team = "marketing", string? author = null)
        => $$"""{"author":{"email":"{{author ?? $"author-{Suffix}@chorus.test"}}","displayName":"Ada Author","team":"{{team}}"},"text":{{System.Text.Json.JsonSerializer.Serialize(text)}},"channels":[{{channels}}]}""";

    /// <summary>Submits a post over HTTP and returns its id.</summary>
    public async Task<string> SubmitAsync(string text, string channels = "\"linkedin\"", string team = "marketing", string? author = null)
    {
        using HttpResponseMessage response = await Http.PostAsync("api/posts", new StringContent(PostBody(text, channels, team, author), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"submission was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("postId").GetString()!;
    }

    /// <summary>Waits until the post's status is <paramref name="status"/>, returning the status document.</summary>
    public async Task<System.Text.Json.JsonElement> WaitForStatusAsync(string postId, string status, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        System.Text.Json.JsonElement document = default;
        while (DateTime.UtcNow < deadline)
        {
            document = await Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/posts/{postId}");
            if (document.GetProperty("status").GetString() == status)
            {
                return document;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Post {postId} never reached {status}; last: {document}");
    }

    /// <summary>Lists every blob name in the artefact container.</summary>
    public async Task<List<string>> ArtefactNamesAsync()
    {
        List<string> names = [];
        if (!await Artefacts.ExistsAsync())
        {
            return names;
        }

        await foreach (BlobItem blob in Artefacts.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using CancellationTokenSource cts = new(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Abandoned with the host.
        }

        await _app.DisposeAsync();
    }
}
