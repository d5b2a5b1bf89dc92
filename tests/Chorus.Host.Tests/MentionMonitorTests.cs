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

    private static MentionCursor Polled(DateTimeOffset at) => new("c1", at.AddHours(-1), PolledAt: at);

    private static async Task<DateTimeOffset> PollDueAsync(ChorusTestHost host, DateTimeOffset now)
    {
        // A scope per tick, as each timer invocation has.
        await using AsyncServiceScope scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MentionMonitor>().PollDueAsync(now, CancellationToken.None);
    }
}
