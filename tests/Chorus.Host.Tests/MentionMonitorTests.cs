using Chorus.Host.Mentions;
using Cronos;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Host.Tests;

/// <summary>
/// Which mention sources are due (<see cref="MentionMonitor.PollDueAsync"/>), the logic both hosts' clocks share: the
/// rule on its own, then on the real self-host against local feeds and the cursor records in Azurite, driven on an
/// explicit clock the way the Azure Functions app's one-minute timer drives it.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MentionMonitorTests(LocalServicesFixture services)
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly CronExpression QuarterHour = MentionMonitor.ParseSchedule("0 */15 * * * *");

    [Fact]
    public void A_source_never_polled_is_due_at_once()
    {
        Assert.Equal(DateTimeOffset.MinValue, MentionMonitor.DueAt(QuarterHour, record: null));
        Assert.Equal(DateTimeOffset.MinValue, MentionMonitor.DueAt(QuarterHour, new MentionCursor("c1", Ten)));
    }

    [Fact]
    public void A_polled_source_is_due_at_its_first_occurrence_after_the_last_poll()
    {
        Assert.Equal(Ten.AddMinutes(15), MentionMonitor.DueAt(QuarterHour, Polled(Ten)));
        Assert.Equal(Ten.AddMinutes(15), MentionMonitor.DueAt(QuarterHour, Polled(Ten.AddSeconds(1))));
        Assert.Equal(Ten.AddMinutes(15), MentionMonitor.DueAt(QuarterHour, Polled(Ten.AddMinutes(14).AddSeconds(59))));

        // A late tick still polls once, and the next occurrence counts from that poll: missed ones are not made up.
        Assert.Equal(Ten.AddHours(1), MentionMonitor.DueAt(QuarterHour, Polled(Ten.AddMinutes(47))));
    }

    [Fact]
    public void Five_field_schedules_are_minutes_first_and_six_field_ones_seconds_first()
    {
        Assert.Equal(Ten.AddHours(1), MentionMonitor.DueAt(MentionMonitor.ParseSchedule("0 * * * *"), Polled(Ten)));
        Assert.Equal(Ten.AddSeconds(20), MentionMonitor.DueAt(MentionMonitor.ParseSchedule("*/20 * * * * *"), Polled(Ten)));
    }

    [Fact]
    public void A_paused_source_waits_for_the_pause_and_then_for_its_schedule()
    {
        Assert.Equal(Ten.AddMinutes(45), MentionMonitor.DueAt(QuarterHour, Polled(Ten) with { PausedUntil = Ten.AddMinutes(31) }));
        Assert.Equal(Ten.AddMinutes(30), MentionMonitor.DueAt(QuarterHour, Polled(Ten) with { PausedUntil = Ten.AddMinutes(30) }));

        // A pause shorter than the schedule changes nothing.
        Assert.Equal(Ten.AddMinutes(15), MentionMonitor.DueAt(QuarterHour, Polled(Ten) with { PausedUntil = Ten.AddMinutes(1) }));
    }

    [Fact]
    public async Task Each_source_is_polled_when_its_own_schedule_comes_round_and_a_throttled_one_after_its_pause()
    {
        await using FakeFeedServer quarter = await FakeFeedServer.StartAsync();
        await using FakeFeedServer hourly = await FakeFeedServer.StartAsync();
        await using FakeFeedServer throttled = await FakeFeedServer.StartAsync();
        quarter.Add("q1", "Chorus is lovely, great support team!", Ten.AddDays(-1));
        throttled.Throttle = TimeSpan.FromHours(1);
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, _) =>
        {
            s["Mentions:Monitor:Enabled"] = "false";
            s["Mentions:Sources:quarter:Kind"] = "Rss";
            s["Mentions:Sources:quarter:Endpoint"] = quarter.Feed.ToString();
            s["Mentions:Sources:quarter:Schedule"] = "0 */15 * * * *";
            s["Mentions:Sources:hourly:Kind"] = "Rss";
            s["Mentions:Sources:hourly:Endpoint"] = hourly.Feed.ToString();
            s["Mentions:Sources:hourly:Schedule"] = "0 * * * *";
            s["Mentions:Sources:throttled:Kind"] = "Rss";
            s["Mentions:Sources:throttled:Endpoint"] = throttled.Feed.ToString();
            s["Mentions:Sources:throttled:Schedule"] = "*/5 * * * *";
        });
        MentionCursorStore cursors = host.Services.GetRequiredService<MentionCursorStore>();
        DateTimeOffset start = Ten.AddSeconds(30);

        // Never polled: all three are due; the throttled one asks for an hour, so after the quarter hour comes next.
        Assert.Equal(Ten.AddMinutes(15), await PollDueAsync(host, start));
        Assert.Equal((1, 1, 1), (quarter.Requests, hourly.Requests, throttled.Requests));
        MentionCursor first = (await cursors.ReadAsync("quarter", CancellationToken.None))!;
        Assert.Equal(start, first.PolledAt);
        Assert.NotNull(first.Cursor);
        Assert.Equal(start + TimeSpan.FromHours(1), (await cursors.ReadAsync("throttled", CancellationToken.None))!.PausedUntil);
        Assert.Contains(await host.ArtefactNamesAsync(), n => n.StartsWith("mentions/quarter/", StringComparison.Ordinal) && n.EndsWith("/mention.json", StringComparison.Ordinal));

        // The minute ticks in between poll nothing.
        for (DateTimeOffset tick = Ten.AddMinutes(1); tick < Ten.AddMinutes(15); tick = tick.AddMinutes(1))
        {
            await PollDueAsync(host, tick);
        }

        Assert.Equal((1, 1, 1), (quarter.Requests, hourly.Requests, throttled.Requests));

        await PollDueAsync(host, Ten.AddMinutes(15));
        Assert.Equal((2, 1, 1), (quarter.Requests, hourly.Requests, throttled.Requests));
        Assert.Equal(first.Cursor, (await cursors.ReadAsync("quarter", CancellationToken.None))!.Cursor);

        // 11:00: the quarter-hour and hourly sources; the throttled one's pause runs until 11:00:30.
        throttled.Throttle = null;
        await PollDueAsync(host, Ten.AddHours(1));
        Assert.Equal((3, 2, 1), (quarter.Requests, hourly.Requests, throttled.Requests));

        // 11:05: the throttled source's first occurrence after its pause; its pause is over.
        Assert.Equal(Ten.AddHours(1).AddMinutes(10), await PollDueAsync(host, Ten.AddHours(1).AddMinutes(5)));
        Assert.Equal((3, 2, 2), (quarter.Requests, hourly.Requests, throttled.Requests));
        Assert.Null((await cursors.ReadAsync("throttled", CancellationToken.None))!.PausedUntil);
    }

    [Fact]
    public async Task A_failing_source_shows_its_failures_in_a_row_and_its_last_error_until_a_poll_succeeds()
    {
        await using FakeFeedServer feed = await FakeFeedServer.StartAsync();
        feed.Add("a1", "Chorus is lovely, great support team!", Ten.AddDays(-1));
        feed.FailWith = 401;
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, _) =>
        {
            s["Mentions:Monitor:Enabled"] = "false";
            s["Mentions:Sources:flaky:Kind"] = "Rss";
            s["Mentions:Sources:flaky:Endpoint"] = feed.Feed + "?token=s3cr3t-value";
            s["Mentions:Sources:flaky:Schedule"] = "*/5 * * * *";
        });
        SourceStatusReader reader = host.Services.GetRequiredService<SourceStatusReader>();
        Assert.Equal((0, null, null), Failures(Assert.Single(await reader.ReadAsync(CancellationToken.None))));

        await PollDueAsync(host, Ten);
        await PollDueAsync(host, Ten.AddMinutes(5));
        SourceStatus failing = Assert.Single(await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(2, failing.ConsecutiveFailures);
        Assert.Equal(Ten.AddMinutes(5), failing.LastFailedAt);
        Assert.StartsWith("MentionSourceException: ", failing.LastError, StringComparison.Ordinal);
        Assert.Contains("401", failing.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", failing.LastError, StringComparison.Ordinal);
        Assert.InRange(failing.LastError!.Length, 30, PollError.MaxLength);

        feed.FailWith = null;
        await PollDueAsync(host, Ten.AddMinutes(10));
        SourceStatus recovered = Assert.Single(await reader.ReadAsync(CancellationToken.None));
        Assert.Equal((0, null, Ten.AddMinutes(5)), Failures(recovered));
        Assert.Equal(Ten.AddMinutes(10), recovered.LastPolledAt);
        Assert.NotNull(recovered.CursorSavedAt);
    }

    [Fact]
    public void An_error_line_keeps_the_type_and_the_gist_and_drops_what_could_be_a_secret()
    {
        string line = PollError.Of(new InvalidOperationException(
            "GET https://user:pw@api.example/2/search?query=chorus&bearer_token=abc123 failed\n with Bearer eyJhbGciOi.x.y; client_secret=topsecret, ok " + new string('x', 500)));

        Assert.StartsWith("InvalidOperationException: GET https://api.example/2/search?\u2026 failed with Bearer \u2026; client_secret=\u2026, ok xxx", line, StringComparison.Ordinal);
        Assert.Equal(PollError.MaxLength, line.Length);
        Assert.DoesNotContain("pw@", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_written_before_failures_were_kept_still_reads()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        await host.Artefacts.CreateIfNotExistsAsync();
        await host.Artefacts.GetBlobClient("cursors/old.json").UploadAsync(BinaryData.FromString("""{"Cursor":"c9","SavedAt":"2026-11-19T10:00:00+00:00","PolledAt":"2026-11-20T10:00:00+00:00"}"""), overwrite: true);

        MentionCursor old = (await host.Services.GetRequiredService<MentionCursorStore>().ReadAsync("old", CancellationToken.None))!;

        Assert.Equal(new MentionCursor("c9", Ten.AddDays(-1), Ten), old);
    }

    [Fact]
    public async Task An_x_sources_read_count_is_restored_from_its_record_and_saved_back_after_each_poll()
    {
        await using FakeFeedServer api = await FakeFeedServer.StartAsync();
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, _) =>
        {
            s["Mentions:Monitor:Enabled"] = "false";
            s["Mentions:Sources:x:Kind"] = "X";
            s["Mentions:Sources:x:Endpoint"] = new Uri(api.Feed, "/").ToString();
            s["Mentions:Sources:x:AccessToken"] = "x-token";
            s["Mentions:Sources:x:Query"] = "chorus";
            s["Mentions:Sources:x:MonthlyReadBudget"] = "5000";
            s["Mentions:Sources:x:Schedule"] = "*/5 * * * *";
        });
        DateTimeOffset now = DateTimeOffset.UtcNow;
        MentionCursorStore cursors = host.Services.GetRequiredService<MentionCursorStore>();
        await cursors.SaveAsync("x", new MentionCursor(null, null, ReadBudget: new Chorus.Infrastructure.Mentions.ReadBudgetUsage(now.Year, now.Month, 1234)), CancellationToken.None);
        SourceStatus before = Assert.Single(await host.Services.GetRequiredService<SourceStatusReader>().ReadAsync(CancellationToken.None));
        Assert.Equal((5000L, 1234L), (before.ReadBudget, before.ReadsThisMonth));

        // The fake answers 404 to the search: the poll fails, and the restored count is saved with the failure.
        await PollDueAsync(host, now);

        Assert.True(host.Services.GetRequiredService<Chorus.Infrastructure.Mentions.MentionSourceFactory>().TryGetReadBudget("x", out Chorus.Infrastructure.Mentions.MonthlyReadBudget budget));
        Assert.Equal(1234, budget.Usage.Reads);
        MentionCursor saved = (await cursors.ReadAsync("x", CancellationToken.None))!;
        Assert.Equal((1, now.Year, now.Month, 1234L), (saved.ConsecutiveFailures, saved.ReadBudget!.Year, saved.ReadBudget.Month, saved.ReadBudget.Reads));
    }

    private static (int Failures, string? Error, DateTimeOffset? FailedAt) Failures(SourceStatus status) => (status.ConsecutiveFailures, status.LastError, status.LastFailedAt);

    private static MentionCursor Polled(DateTimeOffset at) => new("c1", at.AddHours(-1), PolledAt: at);

    private static async Task<DateTimeOffset> PollDueAsync(ChorusTestHost host, DateTimeOffset now)
    {
        // A scope per tick, as each timer invocation has.
        await using AsyncServiceScope scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MentionMonitor>().PollDueAsync(now, CancellationToken.None);
    }
}
