using System.Net;
using System.Text.Json.Nodes;
using Chorus.Host.Api.Reference;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Chorus.Host.Tests;

/// <summary>
/// The API's contract: the OpenAPI document lists exactly the routes the host maps, the Azure Functions app serves the
/// same document, and the reference UI works from this app alone. (Every response the host tests receive is checked
/// against the document by <see cref="Contract.ContractCheckingHandler"/>.)
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OpenApiDocumentTests(LocalServicesFixture services) : IAsyncLifetime
{
    private const string UpdateSetting = "CHORUS_UPDATE_OPENAPI";
    private static readonly string CommittedDocument = Path.Combine(FindRepositoryRoot(), "src", "Chorus.Functions", "OpenApi", "v1.json");
    private ChorusTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ChorusTestHost.StartAsync(services);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_document_lists_exactly_the_routes_the_host_maps()
    {
        List<string> mapped = [.. _host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<ApiReferenceUi>() is null && endpoint.RoutePattern.RawText != ApiReference.DocumentPath)

            // The dashboard's pages are pages for people, not API: left out of the document, and checked below to be so.
            .Where(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null)
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(method => RouteText.Of(method, endpoint.RoutePattern)))
            .Distinct()
            .Order(StringComparer.Ordinal)];
        List<string> documented = [.. (await ChorusTestHost.ContractAsync(_host.BaseUri)).Operations.Order(StringComparer.Ordinal)];

        Assert.Contains("POST /api/posts", mapped);
        Assert.Contains("GET /api/mentions/{source}/{mentionId}", mapped);
        Assert.Contains(_host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText == "dashboard");
        Assert.DoesNotContain(documented, operation => operation.Contains("/dashboard", StringComparison.Ordinal));
        Assert.True(
            mapped.SequenceEqual(documented),
            $"Mapped but not documented: {string.Join(", ", mapped.Except(documented))}. Documented but not mapped: {string.Join(", ", documented.Except(mapped))}.");
    }

    [Fact]
    public async Task Every_api_operation_requires_the_api_key_and_says_what_it_answers_without_one()
    {
        JsonObject document = (await ChorusTestHost.ContractAsync(_host.BaseUri)).Document;
        JsonObject scheme = document["components"]!["securitySchemes"]!["ApiKey"]!.AsObject();
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("header", scheme["in"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", scheme["name"]!.GetValue<string>());
        foreach ((string path, JsonNode? item) in document["paths"]!.AsObject())
        {
            foreach ((string method, JsonNode? operation) in item!.AsObject())
            {
                bool api = path.StartsWith("/api/", StringComparison.Ordinal);
                Assert.True(api == operation!["security"] is JsonArray { Count: > 0 }, $"{method} {path}: API key required is {operation!["security"] is not null}.");
                Assert.True(api == operation["responses"]!.AsObject().ContainsKey("401"), $"{method} {path}: 401 listed is {!api}.");
                Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary.");
                Assert.False(string.IsNullOrEmpty(operation["operationId"]?.GetValue<string>()), $"{method} {path} has no operationId.");
            }
        }
    }

    [Fact]
    public async Task The_functions_app_serves_the_document_the_self_host_generates()
    {
        string live = await _host.Http.GetStringAsync("openapi/v1.json");
        if (Environment.GetEnvironmentVariable(UpdateSetting) == "1")
        {
            await File.WriteAllTextAsync(CommittedDocument, live);
        }

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(live), JsonNode.Parse(await File.ReadAllTextAsync(CommittedDocument))),
            $"src/Chorus.Functions/OpenApi/v1.json (what the Functions app serves) differs from the self-host's document. After an API change, run "
            + $"'{UpdateSetting}=1 dotnet test tests/Chorus.Host.Tests --filter {nameof(OpenApiDocumentTests)}' and review the diff.");
    }

    [Fact]
    public async Task The_root_leads_to_the_reference_ui_which_renders_from_this_app_alone()
    {
        using HttpResponseMessage root = await _host.Http.GetAsync(string.Empty);
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal(ApiReference.UiPath, root.Headers.Location?.OriginalString);

        IPage page = await services.Browser.NewPageAsync();
        List<string> elsewhere = [], refused = [];
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(_host.BaseUri.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(message.Text);
            }
        };
        await page.GotoAsync(_host.BaseUri.ToString());
        Assert.StartsWith(ApiReference.UiPath, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.GetByText("Submit a staff post for review").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await page.GetByText("Chorus API").First.IsVisibleAsync());
        Assert.Empty(elsewhere);
        Assert.Empty(refused);
        await page.CloseAsync();
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("functions.sln not found above " + AppContext.BaseDirectory);
    }
}
