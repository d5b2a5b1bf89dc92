using Chorus.Posts;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Builds the drafts the tests check.</summary>
internal static class Drafts
{
    /// <summary>A draft with this text, for these channels, declaring no links.</summary>
    public static PostDraft Of(string text, params Channel[] channels) => new(text, channels, []);

    /// <summary>A draft with this text that declares these links.</summary>
    public static PostDraft WithLinks(string text, params Uri[] links) => new(text, [], links);
}
