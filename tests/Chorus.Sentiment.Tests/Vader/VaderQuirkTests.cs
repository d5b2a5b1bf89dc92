using Chorus.Sentiment.Vader;

namespace Chorus.Sentiment.Tests.Vader;

/// <summary>
/// The reference's quirks, one sentence each. Expected figures are what vaderSentiment 3.3.2 returns for the
/// sentence (run under Python 3.11), so each row pins one behaviour a "fix" would break.
/// </summary>
public sealed class VaderQuirkTests
{
    [Theory]
    [InlineData("The food is so good", 0.0, 0.517, 0.483, 0.5777)] // "so" right before the word: x1.25 (precedence slip)
    [InlineData("The food is good", 0.0, 0.508, 0.492, 0.4404)]
    [InlineData("never so good", 0.0, 0.348, 0.652, 0.5777)]
    [InlineData("I \u2764it", 0.0, 1.0, 0.0, 0.0)] // emoji description glued to the next word: "red heartit"
    [InlineData("I \u2764 it", 0.0, 0.417, 0.583, 0.6369)]
    [InlineData("I\u2764", 0.0, 0.323, 0.677, 0.6369)] // a space is put before the description
    [InlineData("\U0001F51B good", 0.0, 0.385, 0.615, 0.4926)] // "ON! arrow": the description's "!" counts
    [InlineData("\U0001F600\U0001F600", 0.0, 0.286, 0.714, 0.6124)] // astral emoji, one code point each
    [InlineData("That is o\u212A", 0.0, 0.476, 0.524, 0.296)] // KELVIN SIGN lower-cases to ASCII "k"
    [InlineData("That is ok", 0.0, 0.476, 0.524, 0.296)]
    [InlineData("That is O\u212A!", 0.0, 1.0, 0.0, 0.0)] // stripping would leave 2 characters: token kept as "OK!"
    [InlineData("x\u212A", 0.0, 1.0, 0.0, 0.0)]
    [InlineData("\u0130yi good", 0.0, 0.256, 0.744, 0.4404)]
    [InlineData(":\u00DE", 0.0, 1.0, 0.0, 0.0)] // lexicon key ":Þ" is unreachable: tokens are lower-cased first
    [InlineData(":\u00FE", 0.0, 1.0, 0.0, 0.0)]
    [InlineData(":-p good", 0.0, 0.0, 1.0, 0.6597)]
    [InlineData("It was good but the ending was bad", 0.374, 0.472, 0.154, -0.5859)]
    [InlineData("It was good, good, good but bad and good", 0.257, 0.217, 0.526, 0.4497)] // "but" rule by first index
    [InlineData("\u2160\u2161 GREAT movie", 0.0, 0.293, 0.707, 0.7034)] // Roman numerals are upper case for isupper()
    [InlineData("GREAT movie", 0.0, 0.171, 0.829, 0.7034)]
    [InlineData("GREAT\u00AA movie", 0.0, 1.0, 0.0, 0.0)] // ª is lower case for isupper(), and not in the lexicon
    [InlineData("good\u001Cday", 0.0, 0.256, 0.744, 0.4404)] // U+001C splits in Python
    [InlineData("good\u200Bday", 0.0, 1.0, 0.0, 0.0)] // U+200B does not
    [InlineData("Not bad at all", 0.0, 0.513, 0.487, 0.431)]
    [InlineData("at least it is good", 0.0, 0.58, 0.42, 0.4404)]
    [InlineData("the least good", 0.546, 0.454, 0.0, -0.3412)]
    [InlineData("very least good", 0.0, 0.386, 0.614, 0.4902)]
    [InlineData("no good", 0.706, 0.294, 0.0, -0.3412)]
    [InlineData("no or nor good", 0.353, 0.32, 0.327, -0.0412)]
    [InlineData("kind of good", 0.0, 0.408, 0.592, 0.4404)]
    [InlineData("sort of good", 0.0, 0.408, 0.592, 0.4404)]
    [InlineData("the shit", 0.783, 0.217, 0.0, -0.5574)] // SPECIAL_CASES only apply with three words before
    [InlineData("it is the bomb", 0.0, 0.429, 0.571, 0.6124)]
    [InlineData("kiss of death", 0.506, 0.13, 0.364, -0.2732)]
    [InlineData("yeah right good", 0.0, 0.164, 0.836, 0.6249)]
    [InlineData("without a doubt good", 0.0, 0.285, 0.715, 0.6136)]
    [InlineData("what???? good", 0.0, 0.206, 0.794, 0.594)] // more than 3 "?": 0.96
    [InlineData("good??", 0.0, 0.0, 1.0, 0.504)] // 2 "?": 0.18 each
    [InlineData("good?", 0.0, 0.0, 1.0, 0.4404)] // 1 "?": nothing
    [InlineData("good!!!!!!", 0.0, 0.0, 1.0, 0.6209)] // "!" capped at 4
    [InlineData("HELLA GOOD!!", 0.0, 0.209, 0.791, 0.5827)] // all caps: no cap differential
    public void Reproduces_the_reference(string text, double neg, double neu, double pos, double compound)
    {
        VaderScores actual = VaderScorer.Shared.PolarityScores(text).Rounded;

        Assert.Equal(new VaderScores(neg, neu, pos, compound), actual);
    }

    // Not [InlineData]: attribute strings are stored as UTF-8, which would replace the lone surrogates.
    [Fact]
    public void Lone_surrogates_are_tokens_of_their_own() =>
        Assert.Equal(new VaderScores(0.0, 0.408, 0.592, 0.4404), VaderScorer.Shared.PolarityScores("\uD800 good \uDFFF").Rounded);

    [Fact]
    public void Empty_and_whitespace_texts_score_all_zeros_like_the_reference()
    {
        Assert.Equal(default, VaderScorer.Shared.PolarityScores(string.Empty));
        Assert.Equal(default, VaderScorer.Shared.PolarityScores(" \t\n\u001C\u3000 "));
    }
}
