using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Links are found as the platforms find them: with or without a scheme, without trailing punctuation.</summary>
public sealed class UrlScannerTests
{
    [Theory]
    [InlineData("See https://chorus.com/jobs.", "https://chorus.com/jobs")]
    [InlineData("See chorus.com.", "chorus.com")]
    [InlineData("(see www.chorus.com/a?b=c&d=e)", "www.chorus.com/a?b=c&d=e")]
    [InlineData("Read https://en.wikipedia.org/wiki/Chorus_(music)!", "https://en.wikipedia.org/wiki/Chorus_(music)")]
    [InlineData("詳しくはhttps://chorus.jp/about今日", "https://chorus.jp/about")]
    [InlineData("HTTPS://CHORUS.COM", "HTTPS://CHORUS.COM")]
    [InlineData("bit.ly/3xYz", "bit.ly/3xYz")]
    [InlineData("café.fr/menu", "café.fr/menu")]
    public void Finds_the_link_without_trailing_punctuation(string text, string link)
    {
        FoundUrl url = Assert.Single(UrlScanner.Find(text));

        Assert.Equal(link, url.Text);
        Assert.Equal(link, text.Substring(url.Range.Start, url.Range.Length));
        Assert.True(url.IsWellFormed);
    }

    [Theory]
    [InlineData("Built with Node.js and ASP-style code")]
    [InlineData("e.g. this, i.e. that")]
    [InlineData("Pi is 3.14, version 1.2.3")]
    [InlineData("Write to ana@chorus.com")]
    [InlineData("Follow @ana@mastodon.social")]
    [InlineData("Open report.docx")]
    public void Plain_text_is_not_a_link(string text) => Assert.Empty(UrlScanner.Find(text));

    [Theory]
    [InlineData("https://")]
    [InlineData("look at http://. now")]
    [InlineData("https://exa..mple.com")]
    public void A_broken_address_is_found_as_malformed(string text) =>
        Assert.False(Assert.Single(UrlScanner.Find(text)).IsWellFormed);

    [Fact]
    public void Only_real_top_level_domains_are_auto_linked()
    {
        IReadOnlyList<FoundUrl> urls = UrlScanner.Find("https://chorus.com https://intranet.local/x http://10.0.0.1/");

        Assert.Equal([true, false, false], urls.Select(url => url.IsAutoLinked));
    }
}
