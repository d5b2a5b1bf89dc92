using Chorus.Infrastructure.Mentions;
using Chorus.Posts;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>A reply goes to the network its mention came from, as the source's configured kind says.</summary>
public sealed class ReplyChannelsTests
{
    [Theory]
    [InlineData("Mastodon", Channel.Mastodon)]
    [InlineData("bluesky", Channel.Bluesky)]
    [InlineData("X", Channel.X)]
    [InlineData("Rss", Channel.Other)]
    [InlineData("HackerNews", Channel.Other)]
    [InlineData("2", Channel.Other)]
    [InlineData("Twitter", Channel.Other)]
    public void A_reply_goes_to_the_network_of_its_sources_kind(string kind, Channel expected)
    {
        MentionsOptions options = new();
        options.Sources["social"] = new MentionSourceOptions { Kind = kind, Enabled = false };

        Assert.Equal(expected, ReplyChannels.For(options, "social"));
    }

    [Fact]
    public void A_reply_to_a_pushed_mention_from_an_unconfigured_source_is_posted_by_hand()
        => Assert.Equal(Channel.Other, ReplyChannels.For(new MentionsOptions(), "crm"));
}
