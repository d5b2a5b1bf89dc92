using Chorus.Sentiment;
using Microsoft.Extensions.Logging;

namespace Chorus.Posts.Policy;

/// <summary>Runs every registered <see cref="IPolicyCheck"/> over a post and collects what they found.</summary>
public sealed partial class PolicyEvaluator
{
    private readonly IPolicyCheck[] _checks;
    private readonly ILogger<PolicyEvaluator> _logger;

    /// <summary>Initializes a new instance of the <see cref="PolicyEvaluator"/> class.</summary>
    public PolicyEvaluator(IEnumerable<IPolicyCheck> checks, ILogger<PolicyEvaluator> logger)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(logger);
        _checks = [.. checks];
        _logger = logger;
    }

    /// <summary>
    /// Checks <paramref name="draft"/> against every rule. A check that fails with an exception does not fail the
    /// others: its rule reports a Warn instead, so the post goes to a person rather than out unchecked.
    /// </summary>
    public PolicyReport Evaluate(PostDraft draft, DocumentSentiment? sentiment = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        List<PolicyFinding> findings = [];
        foreach (IPolicyCheck check in _checks)
        {
            try
            {
                // Materialised first, so a check that fails half-way contributes nothing rather than half its findings.
                findings.AddRange([.. check.Check(draft, sentiment)]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogCheckFailed(ex, check.Rule);
                findings.Add(new PolicyFinding(
                    check.Rule,
                    FindingSeverity.Warn,
                    "This check could not be run on your post, so an approver will look at it instead. You do not need to do anything."));
            }
        }

        return new PolicyReport([.. findings.OrderByDescending(finding => finding.Severity).ThenBy(finding => finding.Start)]);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Policy check {Rule} failed; the post goes to an approver instead.")]
    private partial void LogCheckFailed(Exception exception, string rule);
}
