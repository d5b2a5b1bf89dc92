using System.Globalization;
using System.Text;
using Chorus.Infrastructure.Publishing;

namespace Chorus.Infrastructure.Tests.Publishing;

/// <summary>Bluesky facets are UTF-8 byte ranges over whole graphemes, whatever comes before them.</summary>
public sealed class BlueskyFacetsTests
{
    [Theory]
    [InlineData("ascii ", 6)]
    [InlineData("日本語 ", 10)]
    [InlineData("👍🏽 ", 9)]
    [InlineData("👩‍👩‍👧 ", 19)]
    [InlineData("cafe\u0301 ", 7)]
    [InlineData("🇫🇷 ", 9)]
    public async Task A_link_after_any_text_starts_at_that_texts_UTF_8_length(string before, int bytes)
    {
        string text = before + "https://chorus.com/a";
        System.Text.Json.Nodes.JsonArray facets = (await BlueskyFacets.BuildAsync(text, _ => Task.FromResult<string?>(null)))!;

        Assert.Equal(bytes, facets[0]!["index"]!["byteStart"]!.GetValue<int>());
        Assert.Equal(bytes + "https://chorus.com/a".Length, facets[0]!["index"]!["byteEnd"]!.GetValue<int>());
        Assert.Equal(Encoding.UTF8.GetByteCount(text), facets[0]!["index"]!["byteEnd"]!.GetValue<int>());
    }

    [Fact]
    public void A_combining_mark_after_a_link_stays_with_its_letter_inside_the_facet()
    {
        string text = "see https://chorus.com/cafe\u0301 now";

        BlueskyFacets.Span span = Assert.Single(BlueskyFacets.Find(text));

        Assert.Equal("https://chorus.com/cafe\u0301", text[span.Start..span.End]);
        Assert.True(IsBoundary(text, span.Start) && IsBoundary(text, span.End));
    }

    [Fact]
    public void A_mention_is_found_after_a_space_or_parenthesis_but_not_inside_an_address_or_word()
    {
        string text = "(@ada.bsky.social) mail ops@chorus.example or @bob.test. Also x@y.z and @single";

        List<string> handles = [.. BlueskyFacets.Find(text).Where(s => s.Handle is not null).Select(s => s.Handle!)];

        Assert.Equal(["ada.bsky.social", "bob.test"], handles);
    }

    [Fact]
    public async Task A_handle_that_does_not_resolve_stays_plain_text()
    {
        Assert.Null(await BlueskyFacets.BuildAsync("Thanks @someone.example!", _ => Task.FromResult<string?>(null)));
    }

    private static bool IsBoundary(string text, int index)
    {
        int at = 0;
        while (at < index)
        {
            at += StringInfo.GetNextTextElementLength(text, at);
        }

        return at == index;
    }
}
