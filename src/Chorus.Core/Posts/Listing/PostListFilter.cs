using Chorus.Listing;

namespace Chorus.Posts.Listing;

/// <summary>Which posts a list asks for: any combination of status, author (email, any case) and submission time.</summary>
public sealed record PostListFilter(PostStatus? Status, string? AuthorEmail, TimeRange Submitted);
