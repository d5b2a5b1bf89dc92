using Chorus.Artefacts;

namespace Chorus.Posts;

/// <summary>
/// The documented blob layout of a post, under <c>posts/{yyyy}/{MM}/{dd}/{postId}/</c>:
/// <c>submission.json</c>, <c>sentiment.json</c>, <c>findings.json</c>, <c>plan.json</c>,
/// <c>decisions/s{stage}-{approver}.json</c>, <c>emails/{kind}-s{stage}-{recipient}.eml</c>, <c>outcome.json</c> and the
/// append-only <c>audit.jsonl</c>. Approver and recipient segments are a short hash of the address.
/// </summary>
public static class PostArtefacts
{
    /// <summary>The folder of a post, from its id.</summary>
    public static ArtefactPath Folder(string postId)
        => PostIds.TryGetDay(postId, out DateTimeOffset day) && PostIds.IsValid(postId)
            ? ArtefactPath.ForPost(postId, day)
            : throw new ArgumentException($"'{postId}' is not a post id.", nameof(postId));

    /// <summary>The post as submitted.</summary>
    public static ArtefactPath Submission(string postId) => Folder(postId).Child("submission.json");

    /// <summary>The post's sentiment score.</summary>
    public static ArtefactPath Sentiment(string postId) => Folder(postId).Child("sentiment.json");

    /// <summary>What the policy checks found.</summary>
    public static ArtefactPath Findings(string postId) => Folder(postId).Child("findings.json");

    /// <summary>The review plan: route and stages.</summary>
    public static ArtefactPath Plan(string postId) => Folder(postId).Child("plan.json");

    /// <summary>The record of how the post was decided.</summary>
    public static ArtefactPath Outcome(string postId) => Folder(postId).Child("outcome.json");

    /// <summary>The append-only log of everything that happened to the post.</summary>
    public static ArtefactPath Audit(string postId) => Folder(postId).Child("audit.jsonl");

    /// <summary>One approver's recorded decision at one stage.</summary>
    public static ArtefactPath Decision(string postId, int stage, string approver)
        => Folder(postId).Child("decisions", $"s{stage}-{AddressKey(approver)}.json");

    /// <summary>A copy of an email sent about the post, as sent.</summary>
    public static ArtefactPath Email(string postId, string kind, int stage, string recipient)
        => Folder(postId).Child("emails", $"{kind}-s{stage}-{AddressKey(recipient)}.eml");

    /// <summary>A short, stable, path-safe key for an email address.</summary>
    public static string AddressKey(string address)
        => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())))[..16];
}
