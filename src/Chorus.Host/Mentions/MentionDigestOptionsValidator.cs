using Chorus.Infrastructure.Mentions;
using Chorus.Mail;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Mentions;

/// <summary>Checks <see cref="MentionDigestOptions"/> at start-up, with one message per problem naming the setting to fix.</summary>
internal sealed class MentionDigestOptionsValidator : IValidateOptions<MentionDigestOptions>
{
    public ValidateOptionsResult Validate(string? name, MentionDigestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. Check(options)];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IEnumerable<string> Check(MentionDigestOptions options)
    {
        for (int i = 0; i < options.Recipients.Count; i++)
        {
            if (!EmailAddress.IsValid(options.Recipients[i]))
            {
                yield return $"{MentionDigestOptions.SectionName}:Recipients:{i} is not an email address: use a bare address such as comms@example.com (got '{options.Recipients[i]}').";
            }
        }

        // Checked with or without recipients: the Azure Functions app's timer runs on it either way.
        if (CronSchedule.Check(MentionDigestOptions.ScheduleSetting, options.Schedule) is { } failure)
        {
            yield return failure;
        }
    }
}
