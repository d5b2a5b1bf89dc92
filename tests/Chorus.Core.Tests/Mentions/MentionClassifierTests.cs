using Chorus.Mentions;
using Chorus.Mentions.Triage;

namespace Chorus.Core.Tests.Mentions;

/// <summary>Urgent and team terms match other forms of their words, by the stemmer of the mention's language.</summary>
public sealed class MentionClassifierTests
{
    [Theory]
    [InlineData("I am cancelling my subscription", "cancel", "cancelling")]
    [InlineData("Subscription CANCELLED without warning", "cancel", "CANCELLED")]
    [InlineData("How do I get a cancellation?", "cancel", "cancellation")]
    [InlineData("It cancels itself every month", "cancel", "cancels")]
    [InlineData("Order canceled (US spelling)", "cancel", "canceled")]
    [InlineData("Still not refunded after a month", "refund", "refunded")]
    [InlineData("They keep refunding the wrong card", "refund", "refunding")]
    [InlineData("No refunds, ever?", "refund", "refunds")]
    [InlineData("Is the annual plan refundable?", "refund", "refundable")]
    [InlineData("We sued them in May", "sued", null)]
    [InlineData("They are suing us", "sued", "suing")]
    [InlineData("Two data breaches this year", "data breach", "data breaches")]
    [InlineData("Outages all week", "outage", "Outages")]
    public void Default_terms_match_other_forms_of_their_words(string text, string term, string? written)
    {
        MentionClassification classification = Classify(text, Options());

        Assert.True(classification.NeedsAttention);
        string reason = Assert.Single(classification.Reasons);
        Assert.Equal(written is null ? $"Mentions \u201c{term}\u201d." : $"Mentions \u201c{term}\u201d (as \u201c{written}\u201d).", reason);
    }

    [Theory]
    [InlineData("Cancer research fundraiser this weekend")]
    [InlineData("Cancún was lovely")]
    [InlineData("Fresh scampi at the meetup")]
    [InlineData("Refundo is a brand name")]
    [InlineData("A fraudulent-looking email arrived")]
    [InlineData("The suede finish looks great")]
    public void Words_that_only_look_alike_do_not_match(string text) =>
        Assert.False(Classify(text, Options()).NeedsAttention);

    [Fact]
    public void A_phrase_matches_word_by_word_and_only_with_its_words_next_to_each_other()
    {
        TriageOptions options = Options(("en", ["charged twice"]));

        Assert.Equal("Mentions \u201ccharged twice\u201d (as \u201ccharges twice\u201d).", Assert.Single(Classify("Chorus charges twice for one seat", options).Reasons));
        Assert.True(Classify("I was CHARGED  TWICE", options).NeedsAttention);
        Assert.False(Classify("Chorus charged me twice", options).NeedsAttention);
        Assert.False(Classify("charged. Twice!", options).NeedsAttention);
    }

    [Theory]
    [InlineData("de", "kündigen", "Ich kündige morgen", "kündige")]
    [InlineData("de", "kündigen", "Meine Kündigung ist raus", "Kündigung")]
    [InlineData("de-AT", "Kündigung", "Wann kann ich kündigen?", "kündigen")]
    [InlineData("es", "cancelar", "Quiero la cancelación de mi cuenta", "cancelación")]
    [InlineData("es", "reembolso", "Me reembolsaron la mitad", "reembolsaron")]
    [InlineData("fr", "annuler", "Ma commande a été annulée", "annulée")]
    [InlineData("pt-BR", "cancelamento", "Quero cancelar já", "cancelar")]
    public void Terms_match_by_the_stemmer_of_the_mentions_language(string language, string term, string text, string written)
    {
        TriageOptions options = Options((language.Split('-')[0], [term]));

        Assert.Equal($"Mentions \u201c{term}\u201d (as \u201c{written}\u201d).", Assert.Single(Classify(text, options, language).Reasons));
    }

    [Fact]
    public void Accents_stay_optional_and_a_form_that_folds_to_the_term_is_not_called_another_form()
    {
        TriageOptions options = Options(("fr", ["annulé"]));

        Assert.Equal("Mentions \u201cannulé\u201d.", Assert.Single(Classify("commande ANNULE sans raison", options, "fr").Reasons));
        Assert.Equal("Mentions \u201cannulé\u201d (as \u201cannulées\u201d).", Assert.Single(Classify("commandes annulées", options, "fr").Reasons));
    }

    [Fact]
    public void A_stemmer_does_not_join_every_form_and_says_so_by_not_matching()
    {
        // German Snowball strips endings, not the "ge-" of a participle.
        Assert.False(Classify("Ich habe gekündigt", Options(("de", ["kündigen"])), "de").NeedsAttention);
    }

    [Theory]
    [InlineData("pl")]
    [InlineData("ja")]
    public void A_language_without_a_stemmer_matches_terms_as_written(string language)
    {
        TriageOptions options = Options(("*", ["cancel"]));

        Assert.False(Classify("cancelling everything", options, language).NeedsAttention);
        Assert.True(Classify("please CANCEL", options, language).NeedsAttention);
    }

    [Fact]
    public void A_mention_without_a_language_is_read_as_english_and_a_regional_tag_as_its_language()
    {
        TriageOptions options = Options(("*", ["cancel"]));

        Assert.True(Classify("cancelling everything", options, null).NeedsAttention);
        Assert.True(Classify("cancelling everything", options, "en-GB").NeedsAttention);
        Assert.True(Classify("cancelling everything", options, "und").NeedsAttention);
    }

    [Fact]
    public void Team_terms_match_by_stem_too()
    {
        TriageOptions options = Options();
        options.Teams.Insert(0, Team("Billing", "billing@chorus.example", terms: ["invoice", "refund"]));

        MentionClassification classification = Classify("Two invoices and nothing refunded", options);

        Assert.Equal("Billing", classification.Team?.Name);
        Assert.Equal("Care", Classify("Nothing refunded", Options()).Team?.Name);
    }

    [Fact]
    public void Terms_are_stemmed_once_per_language_for_the_same_options()
    {
        TriageOptions options = Options(("en", ["cancel"]), ("de", ["kündigen"]));

        Assert.Same(TriageTerms.For(options, "en"), TriageTerms.For(options, null));
        Assert.Same(TriageTerms.For(options, "de"), TriageTerms.For(options, "de-CH"));
        Assert.NotSame(TriageTerms.For(options, "en"), TriageTerms.For(options, "de"));
        Assert.NotSame(TriageTerms.For(options, "en"), TriageTerms.For(Options(("en", ["cancel"])), "en"));
    }

    private static MentionClassification Classify(string text, TriageOptions options, string? language = "en")
    {
        // Neutral sentiment and no reach: only the terms can flag the mention.
        Mention mention = new("forum", "1", null, "@someone", null, AuthorReach: null, text, language, DateTimeOffset.UnixEpoch, "{}");
        return MentionClassifier.Classify(mention, sentiment: null, options);
    }

    private static TriageOptions Options(params (string Language, string[] Terms)[] lists)
    {
        TriageOptions options = new();
        if (lists.Length > 0)
        {
            options.UrgentTerms = lists.ToDictionary(l => l.Language, l => l.Terms.ToList());
        }

        options.Teams.Add(Team("Care", "care@chorus.example"));
        return options;
    }

    private static TriageTeamOptions Team(string name, string recipient, string[]? terms = null)
    {
        TriageTeamOptions team = new() { Name = name };
        team.Recipients.Add(recipient);
        team.Terms.AddRange(terms ?? []);
        return team;
    }
}
