using Cronos;

namespace Chorus.Infrastructure.Mentions;

/// <summary>Mention schedules: cron with 5 fields, or 6 with seconds first (as Azure Functions writes them), in UTC.</summary>
public static class CronSchedule
{
    /// <summary>Parses <paramref name="expression"/>, or throws <see cref="CronFormatException"/>.</summary>
    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return CronExpression.Parse(expression, FormatOf(expression));
    }

    /// <summary>Whether <paramref name="expression"/> is a schedule <see cref="Parse"/> takes.</summary>
    public static bool IsValid(string? expression)
        => expression is not null && CronExpression.TryParse(expression, FormatOf(expression), out _);

    /// <summary>Returns what is wrong with <paramref name="expression"/> as the value of <paramref name="setting"/>, naming the setting; null if nothing is.</summary>
    public static string? Check(string setting, string? expression)
        => string.IsNullOrWhiteSpace(expression) ? $"{setting} is required: a cron expression with 5 or 6 fields, e.g. '*/15 * * * *'."
            : !IsValid(expression) ? $"{setting} '{expression}' is not a cron expression: use 5 fields (minute hour day month weekday, e.g. '*/15 * * * *') or 6 with seconds first, in UTC."
            : null;

    private static CronFormat FormatOf(string expression)
        => expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
}
