using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Chorus.Host.Mentions;

/// <summary>
/// The body of <c>POST /api/mentions</c>, as the OpenAPI document describes it; <see cref="MentionRequestParser"/>
/// reads the body itself, so that every field at fault is named in one answer.
/// </summary>
internal sealed record MentionBody(
    [property: Required, Description("The source's own id for it; with the source it makes the mention unique, so a repeat is recorded once.")] string Id,
    [property: Required] MentionAuthorBody Author,
    [property: Required, Description("What the customer wrote.")] string Text,
    [property: Required, Description("When it was written: RFC 3339 with an offset, not in the future.")] DateTimeOffset CreatedAt,
    [property: Description("Where the mention was seen: 1-40 lower-case letters, digits or '-'. Default: inbox.")] string? Source = null,
    [property: Description("Where to read it: an absolute http or https URL.")] Uri? Url = null,
    [property: Description("ISO 639 language code, e.g. \"en\".")] string? Language = null);

/// <summary>The author of a pushed mention.</summary>
internal sealed record MentionAuthorBody(
    [property: Required] string Handle,
    string? Name = null,
    [property: Description("Followers or subscribers: how many people saw it.")] long? Reach = null);
