using Chorus.Sentiment;

namespace Chorus.Posts.Policy;

/// <summary>One rule staff posts are checked against.</summary>
public interface IPolicyCheck
{
    /// <summary>Gets the rule's name, used as <see cref="PolicyFinding.Rule"/>.</summary>
    string Rule { get; }

    /// <summary>Checks a draft; <paramref name="sentiment"/> is its score when one is available.</summary>
    IEnumerable<PolicyFinding> Check(PostDraft draft, DocumentSentiment? sentiment);
}
