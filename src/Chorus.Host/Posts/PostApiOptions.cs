using System.ComponentModel.DataAnnotations;

namespace Chorus.Host.Posts;

/// <summary>Limits of the post submission API, bound from <c>Posts</c>.</summary>
public sealed class PostApiOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Posts";

    /// <summary>Gets or sets the longest text accepted, in characters.</summary>
    [Range(1, 100_000, ErrorMessage = "Posts:MaxTextLength must be between 1 and 100,000.")]
    public int MaxTextLength { get; set; } = 5_000;

    /// <summary>Gets or sets the largest request body accepted, in bytes.</summary>
    [Range(1_024, 4 * 1024 * 1024, ErrorMessage = "Posts:MaxBodyBytes must be between 1 KB and 4 MB.")]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets the most links a post may declare.</summary>
    [Range(0, 100, ErrorMessage = "Posts:MaxLinks must be between 0 and 100.")]
    public int MaxLinks { get; set; } = 20;
}
