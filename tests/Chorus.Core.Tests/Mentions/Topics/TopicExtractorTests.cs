using Chorus.Mentions.Topics;

namespace Chorus.Core.Tests.Mentions.Topics;

/// <summary>One extractor reads mentions and posts, so both meet on the same stemmed keys.</summary>
public sealed class TopicExtractorTests
{
    private readonly TopicExtractor _extractor = new(["Chorus"]);

    [Fact]
    public void Other_forms_of_a_word_share_its_topic()
    {
        string mention = Assert.Single(_extractor.Keys("Invoices!", "en"));
        string post = Assert.Single(_extractor.Keys("invoicing", null));

        Assert.Equal("en:invoic", mention);
        Assert.Equal(mention, post);
        Assert.Equal(mention, Assert.Single(_extractor.Keys("INVOICED", "en-GB")));
    }

    [Fact]
    public void Stop_words_short_words_numbers_and_the_company_name_are_no_topics()
    {
        Assert.Empty(_extractor.Keys("We have been to it, and they were there with us: ok 2026 #42 Chorus Chorus's", "en"));
    }

    [Fact]
    public void Neighbouring_words_make_a_phrase_but_not_across_punctuation_or_a_stop_word()
    {
        Assert.Equal(["en:invoic", "en:invoic export", "en:export", "en:broken"], _extractor.Keys("The invoice export is broken", "en"));
        Assert.Equal(["en:invoic", "en:invoic export", "en:export", "en:export broken", "en:broken"], _extractor.Keys("invoice export broken", "en"));
        Assert.Equal(["en:invoic", "en:export"], _extractor.Keys("invoice, export", "en"));
        Assert.Equal(["en:invoic", "en:export"], _extractor.Keys("invoice of export", "en"));
    }

    [Fact]
    public void Each_occurrence_is_reported_where_it_was_written()
    {
        const string Text = "Love the new Invoicing screen. Invoicing rocks.";

        Topic[] invoicing = [.. _extractor.Extract(Text, "en").Where(t => t.Key == "en:invoic")];

        Assert.Equal(2, invoicing.Length);
        Assert.Equal("Invoicing", invoicing[0].Written);
        Assert.Equal(Text.IndexOf("Invoicing", StringComparison.Ordinal), invoicing[0].Start);
        Assert.Equal(Text.LastIndexOf("Invoicing", StringComparison.Ordinal), invoicing[1].Start);
        Assert.Contains(_extractor.Extract(Text, "en"), t => t.Key == "en:invoic screen" && t.Written == "Invoicing screen");
    }

    [Fact]
    public void Another_language_stems_and_drops_stop_words_in_that_language()
    {
        IReadOnlyList<string> french = _extractor.Keys("Les factures sont fausses, la facturation aussi", "fr");

        Assert.Contains("fr:factur", french);
        Assert.DoesNotContain(french, key => key is "fr:les" or "fr:sont" or "fr:la");
        Assert.Single(french, key => key == "fr:factur");
        Assert.DoesNotContain(_extractor.Keys("invoices", "en"), key => key.StartsWith("fr:", StringComparison.Ordinal));
    }

    [Fact]
    public void Links_handles_and_addresses_are_no_topics()
    {
        Assert.Equal(
            ["en:refund"],
            _extractor.Keys("@billing@mastodon.social refund https://chorus.example/invoices help@chorus.example", "en"));
    }

    [Fact]
    public void A_language_without_a_stemmer_gives_no_topics() =>
        Assert.Empty(_extractor.Keys("請求書が届かない", "ja"));

    [Fact]
    public void A_long_text_gives_at_most_the_first_topics()
    {
        string text = string.Join(' ', Enumerable.Range(0, 500).Select(i => "word" + new string((char)('a' + (i % 26)), 1 + (i / 26))));

        IReadOnlyList<string> keys = _extractor.Keys(text, "en");

        Assert.Equal(TopicExtractor.MaxTopics, keys.Count);
    }
}
