using Chorus.Mail;
using Microsoft.Extensions.Options;

namespace Chorus.Mentions.Alerts;

/// <summary>Checks <see cref="AlertOptions"/> at start-up, with one message per problem naming the setting to fix.</summary>
internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    private const int MaxTerms = 50;

    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. Check(options)];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IEnumerable<string> Check(AlertOptions options)
    {
        const string Section = AlertOptions.SectionName;
        if (options.Enabled && options.Recipients.Count == 0)
        {
            yield return $"{Section}:Recipients needs at least one address when {Section}:Enabled is true: alerts must reach the care team.";
        }

        for (int i = 0; i < options.Recipients.Count; i++)
        {
            if (!EmailAddress.IsValid(options.Recipients[i]))
            {
                yield return $"{Section}:Recipients:{i} is not an email address: use a bare address such as care@example.com (got '{options.Recipients[i]}').";
            }
        }

        if (options.Terms.Count > MaxTerms)
        {
            yield return $"{Section}:Terms has {options.Terms.Count} terms; at most {MaxTerms} are watched (each is a series per source).";
        }

        HashSet<string> keys = new(StringComparer.Ordinal);
        for (int i = 0; i < options.Terms.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Terms[i]) || AlertSeries.KeyOf(options.Terms[i]) is not { } key)
            {
                yield return $"{Section}:Terms:{i} has no letters or digits to match (got '{options.Terms[i]}').";
            }
            else if (!keys.Add(key))
            {
                yield return $"{Section}:Terms:{i} ('{options.Terms[i]}') repeats an earlier term.";
            }
        }

        if (double.IsNaN(options.Probability) || options.Probability is <= 0 or >= 0.5)
        {
            yield return $"{Section}:Probability must be above 0 and below 0.5 (got {options.Probability}); 1e-5 alerts on noise about once a month for fifty series.";
        }

        if (options.MinCount is < 1 or > 10_000)
        {
            yield return $"{Section}:MinCount must be from 1 to 10000 (got {options.MinCount}).";
        }

        if (options.BaselineHalfLife < TimeSpan.FromHours(1) || options.BaselineLength < options.BaselineHalfLife || options.BaselineLength > TimeSpan.FromDays(60))
        {
            yield return $"{Section}:BaselineHalfLife must be at least an hour and {Section}:BaselineLength at least the half-life and at most 60 days (got {options.BaselineHalfLife} and {options.BaselineLength}).";
        }

        if (options.WarmUp < TimeSpan.Zero || options.WarmUp > options.BaselineLength)
        {
            yield return $"{Section}:WarmUp must be from 0 to {Section}:BaselineLength (got {options.WarmUp}).";
        }

        if (double.IsNaN(options.SentimentDrop) || options.SentimentDrop is <= 0 or > 2)
        {
            yield return $"{Section}:SentimentDrop must be above 0 and at most 2, a fall on the -1..1 sentiment scale (got {options.SentimentDrop}).";
        }

        if (options.Every < TimeSpan.FromSeconds(1) || options.Every > TimeSpan.FromHours(1))
        {
            yield return $"{Section}:Every must be from 1 second to 1 hour (got {options.Every}).";
        }
    }
}
