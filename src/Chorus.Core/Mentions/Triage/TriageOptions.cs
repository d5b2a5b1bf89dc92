using System.ComponentModel.DataAnnotations;
using Chorus.Mail;

namespace Chorus.Mentions.Triage;

/// <summary>Which mentions need a person and who gets them, bound from <c>Mentions:Triage</c>.</summary>
public sealed class TriageOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Mentions:Triage";

    /// <summary>Gets or sets the sentiment (VADER compound, or -confidence for other analyzers) at or below which a mention needs a person.</summary>
    [Range(-1.0, 1.0)]
    public double NegativeThreshold { get; set; } = -0.3;

    /// <summary>Gets or sets the author reach (followers) from which a mention needs a person whatever it says.</summary>
    [Range(0, long.MaxValue)]
    public long ReachThreshold { get; set; } = 50_000;

    /// <summary>
    /// Gets urgent terms per language ("en", "de", ...); "*" applies to every language; a mention in a language with no
    /// list of its own gets "en". Null: the built-in English list. Terms match by stem in the mention's language
    /// (<see cref="TriageTerms"/>): "cancel" also matches "cancelling" and "cancellation".
    /// </summary>
    public Dictionary<string, List<string>>? UrgentTerms { get; set; }

    /// <summary>Gets the teams, tried in order: the first whose sources or terms match takes the mention; otherwise the last team.</summary>
    public List<TriageTeamOptions> Teams { get; } = [];

    /// <summary>Gets or sets how long the team has before it is reminded.</summary>
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Gets or sets how long after the reminder the team's backups are asked.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Gets or sets how long after the escalation the mention expires undecided.</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(2);

    // "sued" as well as "sue": the English stemmer leaves "sue" whole but cuts "sued" and "suing" to "su". "cancelled"
    // is kept for mentions in a language without a stemmer, where terms match only as written.
    internal static readonly string[] DefaultUrgentTerms = ["refund", "cancel", "cancelled", "lawsuit", "sue", "sued", "data breach", "breach", "scam", "fraud", "hacked", "outage", "stolen"];

    /// <summary>The urgent terms for a language.</summary>
    public IEnumerable<string> UrgentTermsFor(string? language)
    {
        if (UrgentTerms is null)
        {
            return DefaultUrgentTerms;
        }

        IEnumerable<string> all = UrgentTerms.TryGetValue("*", out List<string>? any) ? any : [];
        return all.Concat(UrgentTerms.GetValueOrDefault(UrgentListFor(language)) ?? []);
    }

    /// <summary>Which language's list applies to a mention in <paramref name="language"/>: its own ("pt-BR", else "pt"), else "en".</summary>
    internal string UrgentListFor(string? language)
    {
        if (UrgentTerms is null || string.IsNullOrWhiteSpace(language))
        {
            return "en";
        }

        if (UrgentTerms.ContainsKey(language))
        {
            return language;
        }

        string primary = language.Split('-', '_')[0];
        return UrgentTerms.ContainsKey(primary) ? primary : "en";
    }

    /// <summary>Checks what attributes cannot: teams, addresses and timings, naming the setting.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Teams.Count == 0)
        {
            yield return new ValidationResult("Mentions:Triage:Teams needs at least one team with Recipients: flagged mentions must reach someone.");
        }

        for (int i = 0; i < Teams.Count; i++)
        {
            if (Teams[i].Recipients.Count == 0 || Teams[i].Recipients.Concat(Teams[i].Backups).Any(a => !EmailAddress.IsValid(a)))
            {
                yield return new ValidationResult($"Mentions:Triage:Teams:{i}:Recipients needs at least one valid email address (and Backups only valid ones).");
            }
        }

        if (ReminderAfter <= TimeSpan.Zero || EscalateAfter <= TimeSpan.Zero || ExpireAfter <= TimeSpan.Zero || ReminderAfter + EscalateAfter + ExpireAfter > TimeSpan.FromDays(30))
        {
            yield return new ValidationResult("Mentions:Triage:ReminderAfter, EscalateAfter and ExpireAfter must be positive and add up to at most 30 days.");
        }
    }
}

/// <summary>A team that answers flagged mentions.</summary>
public sealed class TriageTeamOptions
{
    /// <summary>Gets or sets the team's name, as emails and the API show it.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets the addresses asked first.</summary>
    public List<string> Recipients { get; } = [];

    /// <summary>Gets the addresses asked when the recipients have not answered in time.</summary>
    public List<string> Backups { get; } = [];

    /// <summary>Gets the sources this team takes; empty: any.</summary>
    public List<string> Sources { get; } = [];

    /// <summary>Gets terms that send a mention to this team; empty: any.</summary>
    public List<string> Terms { get; } = [];
}
