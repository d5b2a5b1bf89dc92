using Chorus.Host.Mentions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chorus.Host.Dashboard.Sources;

/// <summary>Every mention source: its schedule, last poll, cursor age, failures and monthly read budget used.</summary>
internal sealed class IndexModel(SourceStatusReader reader, TimeProvider time) : PageModel
{
    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<SourceStatus> Sources { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Sources = await reader.ReadAsync(cancellationToken);
    }

    /// <summary>How long ago <paramref name="at"/> was, or a dash when never.</summary>
    public string Ago(DateTimeOffset? at)
    {
        if (at is not { } then)
        {
            return "–";
        }

        TimeSpan age = Now - then;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays} d {age.Hours} h ago"
            : age.TotalHours >= 1 ? $"{(int)age.TotalHours} h {age.Minutes} min ago"
            : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes} min ago"
            : $"{Math.Max(0, (int)age.TotalSeconds)} s ago";
    }
}
