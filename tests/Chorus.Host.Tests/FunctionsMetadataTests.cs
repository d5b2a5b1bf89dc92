using System.Reflection;
using System.Text.Json;
using Chorus.Durable;
using Chorus.Host.Health;
using Chorus.Host.Mentions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Tests;

/// <summary>
/// The Azure Functions app (src/Chorus.Functions) offers exactly what the self-host does. Its side is the
/// <c>functions.metadata</c> its build writes (what the Functions host indexes); the self-host's side is discovered
/// from the real app (built with <see cref="ChorusApp"/>, not started) and from <see cref="ChorusTasks"/>, so a new route,
/// task or Durable client dependency is checked without touching this test.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private const string DurableClientWanted = "The Durable client was resolved.";
    private static readonly string Root = FindRepositoryRoot();
    private static readonly Lazy<List<FunctionEntry>> Metadata = new(ReadMetadata);

    [Fact]
    public async Task The_http_functions_serve_exactly_the_self_hosts_routes_and_methods()
    {
        await using WebApplication app = BuildSelfHost();
        List<string> selfHost = [.. SelfHostEndpoints(app).Select(e => e.Route).Distinct().Order(StringComparer.Ordinal)];
        List<string> functions = [.. Metadata.Value
            .SelectMany(f => f.Bindings.Where(b => b.Type == "httpTrigger").SelectMany(b => b.Methods.Select(method => RouteText.Of(method, RoutePatternFactory.Parse(b.Route!)))))
            .Order(StringComparer.Ordinal)];

        Assert.Contains("GET /healthz", selfHost);
        Assert.Contains("GET /readyz", selfHost);
        Assert.Contains("POST /api/posts", selfHost);
        Assert.Equal(functions.Count, functions.Distinct().Count());
        Assert.True(
            selfHost.SequenceEqual(functions),
            $"Served by the self-host only: {Describe(selfHost.Except(functions))}. Served by the Functions app only: {Describe(functions.Except(selfHost))}.");
    }

    [Fact]
    public void Function_routes_carry_no_prefix_so_they_equal_the_self_hosts()
    {
        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "host.json")));
        Assert.Equal(string.Empty, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Contains(@"..\..\host.json", File.ReadAllText(Path.Combine(Root, "src", "Chorus.Functions", "Chorus.Functions.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_orchestrator_and_activity_has_a_function_of_its_name_and_there_are_no_others()
    {
        Assert.Equal(
            ChorusTasks.Orchestrators.Select(TaskNameOf).Order(StringComparer.Ordinal),
            Metadata.Value.Where(f => f.HasTrigger("orchestrationTrigger")).Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            ChorusTasks.Activities.Select(TaskNameOf).Order(StringComparer.Ordinal),
            Metadata.Value.Where(f => f.HasTrigger("activityTrigger")).Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Mentions_are_polled_every_minute_and_the_digest_runs_on_the_self_hosts_setting()
    {
        Dictionary<string, string> timers = Metadata.Value
            .SelectMany(f => f.Bindings.Where(b => b.Type == "timerTrigger").Select(b => (f.Name, b.Schedule)))
            .ToDictionary(t => t.Name, t => t.Schedule!, StringComparer.Ordinal);

        Assert.Equal(
            new Dictionary<string, string>
        {
            ["PollMentions"] = "0 */1 * * * *",
            ["SendMentionDigest"] = $"%{MentionDigestOptions.ScheduleSetting}%",
            ["EvaluateAlerts"] = "30 */1 * * * *",
        }, timers);
    }

    [Fact]
    public void Every_timer_setting_has_a_value_in_the_local_settings_sample_and_in_infra()
    {
        List<string> settings = [.. Metadata.Value
            .SelectMany(f => f.Bindings.Where(b => b.Type == "timerTrigger" && b.Schedule!.StartsWith('%')).Select(b => b.Schedule!.Trim('%')))];
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "src", "Chorus.Functions", "local.settings.sample.json")));
        JsonElement values = sample.RootElement.GetProperty("Values");
        string bicep = File.ReadAllText(Path.Combine(Root, "infra", "modules", "functionapp.bicep"));

        Assert.NotEmpty(settings);
        Assert.All(settings, setting => Assert.True(values.TryGetProperty(setting, out _), $"local.settings.sample.json has no '{setting}', so its timer cannot bind."));
        Assert.All(settings, setting => Assert.Contains(setting.Replace(":", "__", StringComparison.Ordinal), bicep, StringComparison.Ordinal));
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
    }

    [Fact]
    public async Task Exactly_the_functions_whose_work_uses_the_Durable_client_bind_one()
    {
        // The self-host's client is swapped for one that cannot be built: whatever needs it, directly or through the
        // services it depends on, then fails to resolve with this exception.
        await using WebApplication app = BuildSelfHost(services =>
        {
            services.RemoveAll<DurableTaskClient>();
            services.AddScoped<DurableTaskClient>(_ => throw new InvalidOperationException(DurableClientWanted));
        });
        IServiceProviderIsService isService = app.Services.GetRequiredService<IServiceProviderIsService>();
        Dictionary<string, SelfHostEndpoint> endpoints = SelfHostEndpoints(app).ToDictionary(e => e.Route, StringComparer.Ordinal);
        HashSet<string> needing = [];
        foreach (FunctionEntry function in Metadata.Value)
        {
            IEnumerable<Func<IServiceProvider, object?>> work = function.Trigger.Type switch
            {
                // An HTTP function runs the self-host's handler for its route: whatever services the handler takes, and
                // for the readiness probe the checks it runs, which it creates (each in a scope of its own) only then.
                "httpTrigger" => function.Trigger.Methods
                    .Select(method => endpoints[RouteText.Of(method, RoutePatternFactory.Parse(function.Trigger.Route!))].Handler)
                    .SelectMany(handler => handler.GetParameters())
                    .Where(parameter => isService.IsService(parameter.ParameterType))
                    .SelectMany<ParameterInfo, Func<IServiceProvider, object?>>(parameter => parameter.ParameterType == typeof(ReadinessProbe)
                        ? app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(check => check.Factory)
                        : [sp => sp.GetRequiredService(parameter.ParameterType)]),
                "timerTrigger" when function.Trigger.Schedule == $"%{MentionDigestOptions.ScheduleSetting}%" => [sp => sp.GetRequiredService<MentionDigest>()],
                "timerTrigger" when function.Name == "EvaluateAlerts" => [sp => sp.GetRequiredService<Chorus.Mentions.Alerts.AlertEvaluator>()],
                "timerTrigger" => [sp => sp.GetRequiredService<MentionMonitor>()],
                "activityTrigger" => [sp => ActivatorUtilities.GetServiceOrCreateInstance(sp, ChorusTasks.Activities.Single(t => TaskNameOf(t) == function.Name))],
                "orchestrationTrigger" => [], // Orchestrators are created with new and run only on their context.
                string other => throw new InvalidOperationException($"The function '{function.Name}' has a trigger this test does not know: {other}."),
            };
            if (work.Any(resolve => UsesDurableClient(app.Services, resolve, function.Name)))
            {
                needing.Add(function.Name);
            }
        }

        List<string> binding = [.. Metadata.Value.Where(f => f.Bindings.Any(b => b.Type == "durableClient")).Select(f => f.Name).Order(StringComparer.Ordinal)];
        Assert.Contains("SubmitPost", needing);
        Assert.Contains("CheckReadiness", needing);
        Assert.Contains("PollMentions", needing);
        Assert.True(
            needing.Order(StringComparer.Ordinal).SequenceEqual(binding),
            $"Need the Durable client but bind none: {Describe(needing.Except(binding))}. Bind one they do not use: {Describe(binding.Except(needing))}.");
    }

    private static bool UsesDurableClient(IServiceProvider services, Func<IServiceProvider, object?> resolve, string function)
    {
        using IServiceScope scope = services.CreateScope();
        try
        {
            resolve(scope.ServiceProvider);
            return false;
        }
        catch (Exception ex) when (Causes(ex).Any(e => e.Message == DurableClientWanted))
        {
            return true;
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Could not resolve what the function '{function}' runs in the self-host built for this test.", ex);
        }
    }

    private static IEnumerable<Exception> Causes(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }

    private static string TaskNameOf(Type type) => type.GetCustomAttribute<DurableTaskAttribute>()?.Name.Name ?? type.Name;

    private static string Describe(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "none";

    private static IEnumerable<SelfHostEndpoint> SelfHostEndpoints(WebApplication app)
        => ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<Chorus.Host.Api.Reference.ApiReferenceUi>() is null)

            // The dashboard's pages are the self-host's alone: the Functions app serves no pages (README, "The dashboard").
            .Where(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => new SelfHostEndpoint(
                    RouteText.Of(method, endpoint.RoutePattern),
                    endpoint.Metadata.GetMetadata<MethodInfo>() ?? throw new InvalidOperationException($"The self-host's endpoint {endpoint.DisplayName} has no handler method in its metadata."))));

    private static WebApplication BuildSelfHost(Action<IServiceCollection>? replace = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durable:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Artefacts:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:FromAddress"] = "chorus@chorus.test",
            ["Approvals:Links:SigningKeys:k1"] = Convert.ToBase64String(new byte[32]),
            ["Approvals:Links:ActiveKeyId"] = "k1",
            ["Approvals:Links:PublicBaseUrl"] = "http://127.0.0.1/",
            ["Api:Keys:tests"] = "test-key-0123456789abcdef",
        });
        builder.Logging.ClearProviders();
        builder.AddChorus();
        replace?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.MapChorus();
        return app;
    }

    /// <summary>Every function the Functions build declared, from its functions.metadata.</summary>
    private static List<FunctionEntry> ReadMetadata()
    {
        string configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string path = Path.Combine(Root, "src", "Chorus.Functions", "bin", configuration, "net10.0", "functions.metadata");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} is missing: build the Functions app first ('dotnet build src/Chorus.Functions -c {configuration}'; building functions.sln or this test project does it).");
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        List<FunctionEntry> functions = [.. document.RootElement.EnumerateArray().Select(function => new FunctionEntry(
            function.GetProperty("name").GetString()!,
            [.. function.GetProperty("bindings").EnumerateArray().Select(binding => new BindingEntry(
                binding.GetProperty("type").GetString()!,
                binding.GetProperty("direction").GetString()!,
                binding.TryGetProperty("route", out JsonElement route) ? route.GetString() : null,
                binding.TryGetProperty("methods", out JsonElement methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!)] : [],
                binding.TryGetProperty("schedule", out JsonElement schedule) ? schedule.GetString() : null))]))];
        Assert.NotEmpty(functions);
        return functions;
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

        throw new InvalidOperationException($"No functions.sln above {AppContext.BaseDirectory}.");
    }

    private sealed record SelfHostEndpoint(string Route, MethodInfo Handler);

    private sealed record BindingEntry(string Type, string Direction, string? Route, IReadOnlyList<string> Methods, string? Schedule);

    private sealed record FunctionEntry(string Name, IReadOnlyList<BindingEntry> Bindings)
    {
        public BindingEntry Trigger => Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal));

        public bool HasTrigger(string type) => Trigger.Type == type;
    }
}
