using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chorus.Host.Health;
using Chorus.Host.Tests.Contract;
using Chorus.LocalComponents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chorus.Host.Tests;

/// <summary>
/// <c>/healthz</c> and <c>/readyz</c> against the real dependencies (Azurite, the task hub through the sidecar, maildev)
/// and with one of them pointed at a closed port. Called without a key, through the contract checker.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class HealthTests(LocalServicesFixture services)
{
    [Fact]
    public async Task Ready_when_storage_the_task_hub_and_mail_answer_and_live_without_checking_anything()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        using HttpClient anonymous = Anonymous(host);

        using HttpResponseMessage ready = await anonymous.GetAsync("readyz");
        JsonElement readiness = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, readiness.ToString());
        Assert.Equal("healthy", readiness.GetProperty("status").GetString());
        Assert.Equal(["artefacts", "mail", "taskhub"], Checks(readiness).Keys.Order(StringComparer.Ordinal));
        Assert.All(Checks(readiness).Values, check => Assert.Equal("healthy", check.GetProperty("status").GetString()));
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());

        using HttpResponseMessage live = await anonymous.GetAsync("healthz");
        JsonElement liveness = await live.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("healthy", liveness.GetProperty("status").GetString());
        Assert.Empty(Checks(liveness));
    }

    [Fact]
    public async Task Not_ready_naming_the_mail_check_when_the_mail_server_is_down_while_still_live()
    {
        int closed = LoopbackPort.GetFree();
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, (settings, _) => settings["Mail:Port"] = closed.ToString(CultureInfo.InvariantCulture));
        using HttpClient anonymous = Anonymous(host);

        (JsonElement readiness, string body) = await NotReadyAsync(anonymous);
        Dictionary<string, JsonElement> checks = Checks(readiness);
        Assert.Equal("unhealthy", checks["mail"].GetProperty("status").GetString());
        Assert.Equal("The mail server did not accept a session.", checks["mail"].GetProperty("description").GetString());
        Assert.Equal("healthy", checks["artefacts"].GetProperty("status").GetString());
        Assert.Equal("healthy", checks["taskhub"].GetProperty("status").GetString());
        Assert.DoesNotContain(closed.ToString(CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);

        await AssertLiveAsync(anonymous);
    }

    [Fact]
    public async Task Not_ready_naming_the_artefacts_check_when_blob_storage_is_unreachable_and_no_key_is_shown()
    {
        int closed = LoopbackPort.GetFree();
        string unreachable = services.Azurite.ConnectionString.Split(';')
            .Select(part => part.StartsWith("BlobEndpoint=", StringComparison.OrdinalIgnoreCase) ? $"BlobEndpoint=http://127.0.0.1:{closed}/devstoreaccount1" : part)
            .Aggregate((a, b) => a + ";" + b);
        Assert.Contains($":{closed}/", unreachable, StringComparison.Ordinal);
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, (settings, _) => settings["Artefacts:ConnectionString"] = unreachable);
        using HttpClient anonymous = Anonymous(host);

        (JsonElement readiness, string body) = await NotReadyAsync(anonymous);
        Dictionary<string, JsonElement> checks = Checks(readiness);
        Assert.Equal("unhealthy", checks["artefacts"].GetProperty("status").GetString());
        Assert.Equal("healthy", checks["taskhub"].GetProperty("status").GetString());
        Assert.Equal("healthy", checks["mail"].GetProperty("status").GetString());
        Assert.DoesNotContain("AccountKey", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("devstoreaccount1", body, StringComparison.Ordinal);
        Assert.DoesNotContain(closed.ToString(CultureInfo.InvariantCulture), body, StringComparison.Ordinal);

        await AssertLiveAsync(anonymous);
    }

    [Fact]
    public async Task A_flood_of_readiness_probes_runs_the_checks_about_once_per_five_seconds_and_every_probe_is_answered()
    {
        CountingCheck counting = new();
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, register: s => s.AddHealthChecks().AddCheck("counting", counting, tags: [ChorusHealthChecks.ReadyTag]));
        using HttpClient anonymous = new() { BaseAddress = host.BaseUri };

        Stopwatch flood = Stopwatch.StartNew();
        HttpStatusCode[] answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using HttpResponseMessage ready = await anonymous.GetAsync("readyz");
            return ready.StatusCode;
        }));
        TimeSpan took = flood.Elapsed;

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        int allowed = (int)Math.Ceiling(took / ReadinessProbe.ReuseFor) + 1;
        Assert.True(counting.Runs <= allowed, $"200 probes in {took.TotalSeconds:0.0} s ran the checks {counting.Runs} times; at most {allowed} expected");
        Assert.True(counting.Runs >= 1);
    }

    [Fact]
    public async Task Probes_that_hang_up_during_a_run_do_not_each_start_a_run_of_their_own()
    {
        CountingCheck slow = new(TimeSpan.FromSeconds(1));
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, register: s => s.AddHealthChecks().AddCheck("slow", slow, tags: [ChorusHealthChecks.ReadyTag]));
        using HttpClient impatient = new() { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromMilliseconds(100) };

        Stopwatch hangingUp = Stopwatch.StartNew();
        for (int i = 0; i < 20; i++)
        {
            try
            {
                using HttpResponseMessage abandoned = await impatient.GetAsync("readyz");
            }
            catch (TaskCanceledException)
            {
                // Hung up, as intended.
            }
        }

        using HttpClient anonymous = new() { BaseAddress = host.BaseUri };
        using HttpResponseMessage ready = await anonymous.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        int allowed = (int)Math.Ceiling(hangingUp.Elapsed / ReadinessProbe.ReuseFor) + 1;
        Assert.True(slow.Runs <= allowed, $"20 probes that hung up in {hangingUp.Elapsed.TotalSeconds:0.0} s ran the checks {slow.Runs} times; at most {allowed} expected");
    }

    private static HttpClient Anonymous(ChorusTestHost host) => new(new ContractCheckingHandler(() => ChorusTestHost.ContractAsync(host.BaseUri))) { BaseAddress = host.BaseUri };

    private static async Task<(JsonElement Readiness, string Body)> NotReadyAsync(HttpClient anonymous)
    {
        using HttpResponseMessage ready = await anonymous.GetAsync("readyz");
        string body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)ready.StatusCode} {body}");
        JsonElement readiness = JsonDocument.Parse(body).RootElement;
        Assert.Equal("unhealthy", readiness.GetProperty("status").GetString());
        return (readiness, body);
    }

    private static async Task AssertLiveAsync(HttpClient anonymous)
    {
        using HttpResponseMessage live = await anonymous.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static Dictionary<string, JsonElement> Checks(JsonElement report)
        => report.GetProperty("checks").EnumerateArray().ToDictionary(check => check.GetProperty("name").GetString()!, StringComparer.Ordinal);

    /// <summary>A readiness check that only counts how often it runs, taking <paramref name="takes"/> each time.</summary>
    private sealed class CountingCheck(TimeSpan takes = default) : IHealthCheck
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _runs);
            await Task.Delay(takes, cancellationToken);
            return HealthCheckResult.Healthy();
        }
    }
}
