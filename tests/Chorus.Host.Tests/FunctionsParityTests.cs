using System.Text.Json;
using System.Text.RegularExpressions;
using Chorus.Infrastructure.Mentions;
using Chorus.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chorus.Host.Tests;

/// <summary>
/// The Azure Functions app (src/Chorus.Functions) offers everything the self-host does: every route with the same
/// method and path, every orchestrator and activity under the same name, and a timer for every mention source on the
/// schedule setting the self-host's monitor reads. The self-host side is discovered from the real app (built, not
/// started) so new routes and registrations are picked up by themselves; the Functions side is read from its source,
/// because its packages do not restore everywhere this test runs.
/// </summary>
public sealed partial class FunctionsParityTests
{
    private static readonly string Root = FindRepositoryRoot();

    [Fact]
    public async Task Every_self_host_route_has_a_function_with_the_same_method_and_route()
    {
        await using WebApplication app = BuildSelfHost();
        List<string> selfHost = [.. ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => Route(method, endpoint.RoutePattern)))
            .Distinct()
            .Order(StringComparer.Ordinal)];
        HashSet<string> functions = [.. FunctionDeclarations()
            .Where(f => f.Trigger == "http")
            .SelectMany(f => f.HttpMethods.Select(method => Route(method, RoutePatternFactory.Parse(f.Setting!))))];

        Assert.Contains("GET /healthz", selfHost);
        Assert.Contains("POST /api/posts", selfHost);
        Assert.All(selfHost, route => Assert.True(functions.Contains(route), $"The self-host serves {route}; no HTTP-triggered function in src/Chorus.Functions does."));
    }

    [Fact]
    public void Function_routes_carry_no_prefix_so_they_equal_the_self_hosts()
    {
        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "host.json")));
        Assert.Equal(string.Empty, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Contains(@"..\..\host.json", File.ReadAllText(Path.Combine(Root, "src", "Chorus.Functions", "Chorus.Functions.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_registered_orchestrator_and_activity_has_a_function_of_the_same_name()
    {
        await using WebApplication app = BuildSelfHost();
        OrchestrationRegistry registry = app.Services.GetRequiredService<OrchestrationRegistry>();
        List<FunctionDeclaration> functions = FunctionDeclarations();

        Assert.NotEmpty(registry.OrchestratorNames);
        Assert.All(registry.OrchestratorNames, name => Assert.True(
            functions.Any(f => f.Trigger == "orchestration" && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)),
            $"The orchestrator '{name}' has no [OrchestrationTrigger] function named '{name}' in src/Chorus.Functions."));
        Assert.All(registry.ActivityNames, name => Assert.True(
            functions.Any(f => f.Trigger == "activity" && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)),
            $"The activity '{name}' has no [ActivityTrigger] function named '{name}' in src/Chorus.Functions."));
    }

    [Fact]
    public void Every_schedule_setting_the_self_host_reads_has_a_timer_on_the_same_setting()
    {
        // The self-host's schedules are configuration keys ending in ":Schedule" that its code reads (found in its
        // source, so a new one is picked up), one per mention source among them. On Azure each kind of source the
        // self-host can poll has a timer of its own, named after the kind; a source named in the self-host's
        // settings files needs one too.
        Type kinds = typeof(MentionsOptions).Assembly.GetType("Chorus.Infrastructure.Mentions.MentionSourceKind", throwOnError: true)!;
        IEnumerable<string> configured = Directory.GetFiles(Path.Combine(Root, "src", "Chorus.Host"), "appsettings*.json")
            .SelectMany(file => new ConfigurationBuilder().AddJsonFile(file).Build().AsEnumerable())
            .Select(pair => SourceScheduleKey().Match(pair.Key))
            .Where(match => match.Success)
            .Select(match => match.Groups["name"].Value);
        List<string> sources = [.. Enum.GetNames(kinds).Select(kind => kind.ToLowerInvariant()).Concat(configured).Distinct()];
        List<string> read = [.. Directory.GetFiles(Path.Combine(Root, "src", "Chorus.Host"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(Path.Combine(Root, "src", "Chorus.Host"), file))
            .SelectMany(file => ScheduleSettingLiteral().Matches(File.ReadAllText(file)).Select(m => m.Groups["key"].Value))
            .SelectMany(key => key.Contains('{', StringComparison.Ordinal) ? sources.Select(source => Placeholder().Replace(key, source)) : [key])
            .Distinct()];
        Dictionary<string, FunctionDeclaration> timers = FunctionDeclarations().Where(f => f.Trigger == "timer").ToDictionary(f => f.Setting!, StringComparer.OrdinalIgnoreCase);

        Assert.Contains($"{MentionsOptions.SectionName}:{nameof(MentionsOptions.Sources)}:rss:{nameof(MentionSourceOptions.Schedule)}", read);
        Assert.All(read, setting => Assert.True(timers.ContainsKey(setting), $"The self-host runs work on %{setting}%; no timer function in src/Chorus.Functions is scheduled by it."));
        Assert.All(sources, source => Assert.Equal($"PollMentions_{source}", timers[$"Mentions:Sources:{source}:Schedule"].Name));
    }

    [Fact]
    public void Infra_and_the_local_settings_sample_give_every_timer_its_schedule()
    {
        List<string> settings = [.. FunctionDeclarations().Where(f => f.Trigger == "timer").Select(f => f.Setting!)];
        List<string> sources = [.. settings.Select(s => SourceScheduleKey().Match(s)).Where(m => m.Success).Select(m => m.Groups["name"].Value).Order(StringComparer.Ordinal)];
        string bicep = File.ReadAllText(Path.Combine(Root, "infra", "modules", "functionapp.bicep"));
        Match list = TimerSourcesVariable().Match(bicep);
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "src", "Chorus.Functions", "local.settings.sample.json")));
        JsonElement values = sample.RootElement.GetProperty("Values");

        Assert.NotEmpty(sources);
        Assert.True(list.Success, "infra/modules/functionapp.bicep has no 'var timerSources = [ ... ]'.");
        Assert.Equal(sources, [.. QuotedName().Matches(list.Groups["items"].Value).Select(Unquote).Order(StringComparer.Ordinal)]);
        Assert.All(settings.Where(s => !SourceScheduleKey().IsMatch(s)), setting => Assert.Contains(setting.Replace(":", "__", StringComparison.Ordinal), bicep, StringComparison.Ordinal));
        Assert.All(settings, setting => Assert.True(values.TryGetProperty(setting, out _), $"local.settings.sample.json has no '{setting}', so its timer cannot bind."));
    }

    private static WebApplication BuildSelfHost()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durable:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Artefacts:ConnectionString"] = "UseDevelopmentStorage=true",
        });
        builder.Logging.ClearProviders();
        builder.AddChorus();
        WebApplication app = builder.Build();
        app.MapChorus();
        return app;
    }

    /// <summary>"METHOD /path/{param}", with constraints and defaults dropped, so both sides compare as text.</summary>
    private static string Route(string method, RoutePattern pattern)
    {
        IEnumerable<string> segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => part.ToString(),
        })));
        return $"{method.ToUpperInvariant()} /{string.Join('/', segments)}";
    }

    /// <summary>Every [Function] in src/Chorus.Functions with its trigger, read from the source text.</summary>
    private static List<FunctionDeclaration> FunctionDeclarations()
    {
        string directory = Path.Combine(Root, "src", "Chorus.Functions");
        List<FunctionDeclaration> functions = [];
        foreach (string file in Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(directory, f)))
        {
            string text = File.ReadAllText(file);
            MatchCollection starts = FunctionAttribute().Matches(text);
            for (int i = 0; i < starts.Count; i++)
            {
                Match start = starts[i];
                string name = start.Groups["literal"].Success ? start.Groups["literal"].Value : start.Groups["nameof"].Value.Split('.')[^1];
                int end = i + 1 < starts.Count ? starts[i + 1].Index : text.Length;
                string body = text[start.Index..end];
                if (HttpTrigger().Match(body) is { Success: true } http)
                {
                    List<string> methods = [.. QuotedName().Matches(http.Groups["methods"].Value).Select(Unquote)];
                    functions.Add(new FunctionDeclaration(name, "http", http.Groups["route"].Value, methods));
                }
                else if (TimerTrigger().Match(body) is { Success: true } timer)
                {
                    functions.Add(new FunctionDeclaration(name, "timer", timer.Groups["setting"].Value, []));
                }
                else if (body.Contains("[OrchestrationTrigger]", StringComparison.Ordinal))
                {
                    functions.Add(new FunctionDeclaration(name, "orchestration", null, []));
                }
                else if (body.Contains("[ActivityTrigger]", StringComparison.Ordinal))
                {
                    functions.Add(new FunctionDeclaration(name, "activity", null, []));
                }
            }
        }

        Assert.NotEmpty(functions);
        return functions;
    }

    private static string Unquote(Match quoted) => quoted.Groups[1].Success ? quoted.Groups[1].Value : quoted.Groups[2].Value;

    private static bool IsBuildOutput(string projectDirectory, string file)
    {
        string relative = Path.GetRelativePath(projectDirectory, file);
        return relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
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

    [GeneratedRegex(@"\[Function\((?:nameof\((?<nameof>[\w.]+)\)|""(?<literal>[^""]+)"")\)\]")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex(@"\[HttpTrigger\((?<methods>[^\]]*?)Route\s*=\s*""(?<route>[^""]*)""\)\]")]
    private static partial Regex HttpTrigger();

    [GeneratedRegex(@"\[TimerTrigger\(""%(?<setting>[^%""]+)%""")]
    private static partial Regex TimerTrigger();

    [GeneratedRegex(@"""([^""]+)""|'([^']+)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^Mentions:Sources:(?<name>[^:]+):Schedule$", RegexOptions.IgnoreCase)]
    private static partial Regex SourceScheduleKey();

    // A string literal naming a schedule setting, unless it is being written (settings["...:Schedule"] = ...).
    [GeneratedRegex(@"""(?<key>[A-Za-z0-9{}.:_-]+:Schedule)""(?!\]\s*=)")]
    private static partial Regex ScheduleSettingLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"var\s+timerSources\s*=\s*\[(?<items>[^\]]*)\]")]
    private static partial Regex TimerSourcesVariable();

    private sealed record FunctionDeclaration(string Name, string Trigger, string? Setting, IReadOnlyList<string> HttpMethods);
}
