using Chorus.Sentiment.Vader;

namespace Chorus.Sentiment.Tests.Vader;

public sealed class VaderLexiconTests
{
    [Fact]
    public void Loads_the_embedded_lexicons()
    {
        VaderLexicon lexicon = VaderLexicon.Shared;

        Assert.Equal(7_520 - 14, lexicon.LexiconSize); // 7,520 lines, 14 tokens twice
        Assert.Equal(1_212, lexicon.EmojiCount); // the single-code-point keys of 3,570
        Assert.True(lexicon.LoadDuration > TimeSpan.Zero);
    }

    [Fact]
    public void A_later_duplicate_line_wins()
    {
        Dictionary<string, double> lexicon = VaderLexicon.ParseLexicon("ok\t1.6\t0.1\t[1]\nlol\t2.9\t0\t[3]\nok\t1.2\t0.2\t[1]\n");

        Assert.Equal(1.2, lexicon["ok"]);
        Assert.Equal(2.9, lexicon["lol"]);
        Assert.True(VaderLexicon.Shared.Words.TryGetValue("ok", out VaderWord ok));
        Assert.Equal(1.2, ok.Valence);
    }

    [Fact]
    public void Merges_rule_words_into_one_lookup()
    {
        Assert.True(VaderLexicon.Shared.Words.TryGetValue("no", out VaderWord no));
        Assert.Equal(VaderWordFlags.InLexicon | VaderWordFlags.No, no.Flags);
        Assert.Equal(-1.2, no.Valence);

        Assert.True(VaderLexicon.Shared.Words.TryGetValue("never", out VaderWord never));
        Assert.Equal(VaderWordFlags.Negation | VaderWordFlags.Never, never.Flags);

        Assert.True(VaderLexicon.Shared.Words.TryGetValue("very", out VaderWord very));
        Assert.Equal(VaderWordFlags.Booster | VaderWordFlags.AtOrVery, very.Flags);
        Assert.Equal(0.293, very.BoosterScalar);

        Assert.False(VaderLexicon.Shared.Words.TryGetValue("kind of", out _)); // phrases live in VaderPhrases
    }

    [Fact]
    public void Replaces_single_code_point_emoji_only()
    {
        Assert.True(VaderLexicon.Shared.TryGetEmoji(0x1F600, out string grinning));
        Assert.Equal("grinning face", grinning);
        Assert.False(VaderLexicon.Shared.TryGetEmoji('a', out _));
        Assert.False(VaderLexicon.Shared.TryGetEmoji(0xD83D, out _));
    }
}
