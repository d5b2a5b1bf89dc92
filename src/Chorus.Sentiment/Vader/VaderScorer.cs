using C = Chorus.Sentiment.Vader.VaderConstants;
using F = Chorus.Sentiment.Vader.VaderWordFlags;

namespace Chorus.Sentiment.Vader;

/// <summary>
/// A port of vaderSentiment 3.3.2's <c>SentimentIntensityAnalyzer.polarity_scores</c>, rule for rule and in the
/// reference's order of floating-point operations, so it reproduces the reference's figures exactly. What differs is
/// only how: one table lookup per token instead of repeated list scans and string joins, no allocation once the
/// per-thread buffers have grown, and time linear in the text's length (near-linear for the "but" rule).
/// </summary>
internal sealed class VaderScorer
{
    private static readonly Lazy<VaderScorer> SharedInstance = new(() => new VaderScorer(VaderLexicon.Shared));

    private readonly VaderLexicon _lexicon;

    /// <summary>Initializes a new instance of the <see cref="VaderScorer"/> class.</summary>
    public VaderScorer(VaderLexicon lexicon) => _lexicon = lexicon;

    /// <summary>Gets the process-wide scorer over <see cref="VaderLexicon.Shared"/>.</summary>
    public static VaderScorer Shared => SharedInstance.Value;

    /// <summary>Scores a text; the figures are unrounded (see <see cref="VaderScores.Rounded"/>).</summary>
    public VaderScores PolarityScores(string text) => PolarityScores(text.AsSpan());

    /// <summary>Scores a text; the figures are unrounded (see <see cref="VaderScores.Rounded"/>).</summary>
    public VaderScores PolarityScores(ReadOnlySpan<char> text)
    {
        VaderScratch scratch = VaderScratch.Rent();
        try
        {
            ReadOnlySpan<char> work = ReplaceEmoji(text, scratch);
            int count = Tokenize(work, scratch, out int butIndex);
            if (count == 0)
            {
                return default;
            }

            ReadOnlySpan<VaderToken> tokens = scratch.Tokens(count).AsSpan(0, count);
            Span<double> sentiments = scratch.Sentiments(count).AsSpan(0, count);
            bool isCapDiff = IsCapDifferential(tokens);
            for (int i = 0; i < tokens.Length; i++)
            {
                // Boosters and the "kind" of "kind of" carry no valence of their own.
                if (tokens[i].Has(F.Booster) || (i < tokens.Length - 1 && tokens[i].Has(F.Kind) && tokens[i + 1].Has(F.Of)))
                {
                    sentiments[i] = 0;
                    continue;
                }

                sentiments[i] = SentimentValence(tokens, i, isCapDiff);
            }

            if (butIndex >= 0)
            {
                VaderButRule.Apply(sentiments, butIndex);
            }

            return ScoreValence(sentiments, work);
        }
        finally
        {
            VaderScratch.Return(scratch);
        }
    }

    /// <summary>normalize(): maps a sum of valences into [-1, 1].</summary>
    internal static double Normalize(double score)
    {
        double normalized = score / Math.Sqrt((score * score) + C.NormalizeAlpha);
        return normalized < -1.0 ? -1.0 : normalized > 1.0 ? 1.0 : normalized;
    }

    private static bool IsCapDifferential(ReadOnlySpan<VaderToken> tokens)
    {
        int allCaps = 0;
        foreach (ref readonly VaderToken token in tokens)
        {
            allCaps += token.IsUpper ? 1 : 0;
        }

        int differential = tokens.Length - allCaps;
        return differential > 0 && differential < tokens.Length;
    }

    private double SentimentValence(ReadOnlySpan<VaderToken> words, int i, bool isCapDiff)
    {
        ref readonly VaderToken item = ref words[i];
        if (!item.Has(F.InLexicon))
        {
            return 0;
        }

        double valence = item.Valence;

        // "no" before another lexicon word negates that word instead of counting itself.
        if (item.Has(F.No) && i != words.Length - 1 && words[i + 1].Has(F.InLexicon))
        {
            valence = 0.0;
        }

        if ((i > 0 && words[i - 1].Has(F.No))
            || (i > 1 && words[i - 2].Has(F.No))
            || (i > 2 && words[i - 3].Has(F.No) && words[i - 1].Has(F.OrNor)))
        {
            valence = item.Valence * C.NegationScalar;
        }

        if (item.IsUpper && isCapDiff)
        {
            valence = valence > 0 ? valence + C.CapsIncrement : valence - C.CapsIncrement;
        }

        for (int startI = 0; startI < 3; startI++)
        {
            // Modifiers up to three words back; a preceding lexicon word is not a modifier.
            if (i > startI && !words[i - (startI + 1)].Has(F.InLexicon))
            {
                double s = ScalarIncDec(words[i - (startI + 1)], valence, isCapDiff);
                if (startI == 1 && s != 0)
                {
                    s *= C.SecondWordBoosterDamping;
                }

                if (startI == 2 && s != 0)
                {
                    s *= C.ThirdWordBoosterDamping;
                }

                valence += s;
                valence = NegationCheck(valence, words, startI, i);
                if (startI == 2)
                {
                    valence = SpecialIdiomsCheck(valence, words, i);
                }
            }
        }

        return LeastCheck(valence, words, i);
    }

    private static double ScalarIncDec(in VaderToken word, double valence, bool isCapDiff)
    {
        double scalar = 0.0;
        if (word.Has(F.Booster))
        {
            scalar = word.BoosterScalar;
            if (valence < 0)
            {
                scalar *= -1;
            }

            if (word.IsUpper && isCapDiff)
            {
                scalar = valence > 0 ? scalar + C.CapsIncrement : scalar - C.CapsIncrement;
            }
        }

        return scalar;
    }

    private static double NegationCheck(double valence, ReadOnlySpan<VaderToken> words, int startI, int i)
    {
        switch (startI)
        {
            case 0:
                if (words[i - 1].IsNegated)
                {
                    valence *= C.NegationScalar;
                }

                break;
            case 1:
                if (words[i - 2].Has(F.Never) && words[i - 1].Has(F.SoOrThis))
                {
                    valence *= C.NeverSoScalar;
                }
                else if (words[i - 2].Has(F.Without) && words[i - 1].Has(F.Doubt))
                {
                    // "without doubt" is not a negation.
                }
                else if (words[i - 2].IsNegated)
                {
                    valence *= C.NegationScalar;
                }

                break;
            default:
                // Reproduces the reference's `a and b or c`: any "so"/"this" right before the word boosts it.
                if ((words[i - 3].Has(F.Never) && words[i - 2].Has(F.SoOrThis)) || words[i - 1].Has(F.SoOrThis))
                {
                    valence *= C.NeverSoScalar;
                }
                else if (words[i - 3].Has(F.Without) && (words[i - 2].Has(F.Doubt) || words[i - 1].Has(F.Doubt)))
                {
                    // "without (a) doubt" is not a negation.
                }
                else if (words[i - 3].IsNegated)
                {
                    valence *= C.NegationScalar;
                }

                break;
        }

        return valence;
    }

    private double SpecialIdiomsCheck(double valence, ReadOnlySpan<VaderToken> words, int i)
    {
        VaderPhrases phrases = _lexicon.Phrases;
        byte three = words[i - 3].PhraseWordId;
        byte two = words[i - 2].PhraseWordId;
        byte one = words[i - 1].PhraseWordId;
        byte zero = words[i].PhraseWordId;

        // The reference's order: onezero, twoonezero, twoone, threetwoone, threetwo; the first match wins.
        if (phrases.TryGetSpecialCase(one, zero, out double special)
            || phrases.TryGetSpecialCase(two, one, zero, out special)
            || phrases.TryGetSpecialCase(two, one, out special)
            || phrases.TryGetSpecialCase(three, two, one, out special)
            || phrases.TryGetSpecialCase(three, two, out special))
        {
            valence = special;
        }

        if (words.Length - 1 > i && phrases.TryGetSpecialCase(zero, words[i + 1].PhraseWordId, out special))
        {
            valence = special;
        }

        if (words.Length - 1 > i + 1 && phrases.TryGetSpecialCase(zero, words[i + 1].PhraseWordId, words[i + 2].PhraseWordId, out special))
        {
            valence = special;
        }

        // Booster phrases such as "sort of" in threetwoone, threetwo, twoone, each adding.
        if (phrases.TryGetBooster(three, two, one, out double booster))
        {
            valence += booster;
        }

        if (phrases.TryGetBooster(three, two, out booster))
        {
            valence += booster;
        }

        if (phrases.TryGetBooster(two, one, out booster))
        {
            valence += booster;
        }

        return valence;
    }

    private static double LeastCheck(double valence, ReadOnlySpan<VaderToken> words, int i)
    {
        if (i > 1 && !words[i - 1].Has(F.InLexicon) && words[i - 1].Has(F.Least))
        {
            if (!words[i - 2].Has(F.AtOrVery))
            {
                valence *= C.NegationScalar;
            }
        }
        else if (i > 0 && !words[i - 1].Has(F.InLexicon) && words[i - 1].Has(F.Least))
        {
            valence *= C.NegationScalar;
        }

        return valence;
    }

    private static VaderScores ScoreValence(ReadOnlySpan<double> sentiments, ReadOnlySpan<char> text)
    {
        // Left-to-right, as Python's sum() adds floats (3.11 and earlier; 3.12 compensates).
        double sum = 0.0;
        foreach (double sentiment in sentiments)
        {
            sum += sentiment;
        }

        double punctuation = PunctuationEmphasis(text);
        if (sum > 0)
        {
            sum += punctuation;
        }
        else if (sum < 0)
        {
            sum -= punctuation;
        }

        double compound = Normalize(sum);

        // _sift_sentiment_scores: each non-neutral word counts its intensity plus one.
        double positiveSum = 0.0;
        double negativeSum = 0.0;
        int neutralCount = 0;
        foreach (double sentiment in sentiments)
        {
            if (sentiment > 0)
            {
                positiveSum += sentiment + 1;
            }

            if (sentiment < 0)
            {
                negativeSum += sentiment - 1;
            }

            if (sentiment == 0)
            {
                neutralCount++;
            }
        }

        if (positiveSum > Math.Abs(negativeSum))
        {
            positiveSum += punctuation;
        }
        else if (positiveSum < Math.Abs(negativeSum))
        {
            negativeSum -= punctuation;
        }

        double total = positiveSum + Math.Abs(negativeSum) + neutralCount;
        return new VaderScores(
            Negative: Math.Abs(negativeSum / total),
            Neutral: Math.Abs(neutralCount / total),
            Positive: Math.Abs(positiveSum / total),
            Compound: compound);
    }

    private static double PunctuationEmphasis(ReadOnlySpan<char> text)
    {
        int exclamations = Math.Min(text.Count('!'), C.MaxExclamations);
        double amplifier = exclamations * C.ExclamationIncrement;
        int questions = text.Count('?');
        if (questions > 1)
        {
            amplifier += questions <= 3 ? questions * C.QuestionIncrement : C.QuestionMaxAmplifier;
        }

        return amplifier;
    }

    /// <summary>
    /// Replaces each emoji by its description, as the reference's loop does (a space is put before the description
    /// unless the previous character is a space; none after). Returns <paramref name="text"/> itself when it holds no
    /// emoji. Two passes (measure, then write) keep it linear; the reference's string concatenation is not.
    /// </summary>
    private ReadOnlySpan<char> ReplaceEmoji(ReadOnlySpan<char> text, VaderScratch scratch)
    {
        int firstNonAscii = text.IndexOfAnyExceptInRange('\0', '\u007F');
        if (firstNonAscii < 0)
        {
            return text;
        }

        long length = firstNonAscii;
        bool any = false;
        for (int i = firstNonAscii; i < text.Length;)
        {
            int width = ScalarAt(text, i, out int scalar);
            if (_lexicon.TryGetEmoji(scalar, out string description))
            {
                any = true;
                length += description.Length + (PreviousIsSpace(text, i) ? 0 : 1);
            }
            else
            {
                length += width;
            }

            i += width;
        }

        if (!any)
        {
            return text;
        }

        char[] buffer = scratch.Text(checked((int)length));
        text[..firstNonAscii].CopyTo(buffer);
        int written = firstNonAscii;
        for (int i = firstNonAscii; i < text.Length;)
        {
            int width = ScalarAt(text, i, out int scalar);
            if (_lexicon.TryGetEmoji(scalar, out string description))
            {
                if (!PreviousIsSpace(text, i))
                {
                    buffer[written++] = ' ';
                }

                description.CopyTo(buffer.AsSpan(written));
                written += description.Length;
            }
            else
            {
                buffer[written++] = text[i];
                if (width == 2)
                {
                    buffer[written++] = text[i + 1];
                }
            }

            i += width;
        }

        return buffer.AsSpan(0, written);
    }

    // The reference's prev_space: true at the start, after a literal ' ', and false after an emoji (whose
    // description never ends in a space), so it only depends on the previous input character.
    private static bool PreviousIsSpace(ReadOnlySpan<char> text, int i) => i == 0 || text[i - 1] == ' ';

    private static int ScalarAt(ReadOnlySpan<char> text, int i, out int scalar)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            scalar = char.ConvertToUtf32(c, text[i + 1]);
            return 2;
        }

        // A lone surrogate is a code point of its own in Python too; it is never an emoji.
        scalar = c;
        return 1;
    }

    /// <summary>
    /// SentiText._words_and_emoticons: split on Python whitespace, strip ASCII punctuation from both ends unless
    /// that leaves two code points or fewer (emoticons such as ":)" survive), then look each lower-cased token up.
    /// </summary>
    private int Tokenize(ReadOnlySpan<char> text, VaderScratch scratch, out int butIndex)
    {
        butIndex = -1;
        VaderToken[] tokens = scratch.Tokens(0);
        char[]? lowerBuffer = null;
        int count = 0;
        int position = 0;
        while (true)
        {
            while (position < text.Length && (PythonCharClasses.Of(text[position]) & PythonCharClass.Space) != 0)
            {
                position++;
            }

            if (position >= text.Length)
            {
                break;
            }

            // One pass finds the token's end and what it holds. Stripping removes only ASCII punctuation, so these
            // facts hold for the stripped token too.
            int start = position;
            PythonCharClass seen = PythonCharClass.None;
            do
            {
                PythonCharClass current = PythonCharClasses.Of(text[position]);
                if ((current & PythonCharClass.Space) != 0)
                {
                    break;
                }

                seen |= current;
                position++;
            }
            while (position < text.Length);

            if (count == tokens.Length)
            {
                tokens = scratch.Tokens(count + 1);
            }

            VaderWordFlags flags = Classify(text, start, position, seen, scratch, ref lowerBuffer, out tokens[count]);
            if (butIndex < 0 && (flags & F.But) != 0)
            {
                butIndex = count;
            }

            count++;
        }

        scratch.Sentiments(count);
        return count;
    }

    /// <summary>Strips a raw token as the reference does, lower-cases it if needed and looks it up.</summary>
    private VaderWordFlags Classify(ReadOnlySpan<char> text, int start, int end, PythonCharClass seen, VaderScratch scratch, ref char[]? lowerBuffer, out VaderToken token)
    {
        if ((seen & PythonCharClass.Punctuation) != 0)
        {
            int strippedStart = start;
            int strippedEnd = end;
            while (strippedStart < strippedEnd && PythonText.IsPunctuation(text[strippedStart]))
            {
                strippedStart++;
            }

            while (strippedEnd > strippedStart && PythonText.IsPunctuation(text[strippedEnd - 1]))
            {
                strippedEnd--;
            }

            int strippedLength = strippedEnd - strippedStart;
            if (strippedLength > 2 && (strippedLength > 4 || PythonText.CodePointLength(text[strippedStart..strippedEnd]) > 2))
            {
                start = strippedStart;
                end = strippedEnd;
            }
        }

        ReadOnlySpan<char> word = text[start..end];
        ReadOnlySpan<char> lower = word;
        if ((seen & (PythonCharClass.Upper | PythonCharClass.NonAscii)) != 0)
        {
            lowerBuffer ??= scratch.Lower(text.Length);
            Span<char> lowered = lowerBuffer.AsSpan(start, end - start);
            for (int k = 0; k < lowered.Length; k++)
            {
                lowered[k] = PythonText.LowerForLookup(word[k]);
            }

            lower = lowered;
        }

        _lexicon.Words.TryGetValue(lower, out VaderWord entry);
        token = new VaderToken
        {
            Valence = entry.Valence,
            BoosterScalar = entry.BoosterScalar,
            Flags = entry.Flags,
            PhraseWordId = entry.PhraseWordId,
            IsNegated = (entry.Flags & F.Negation) != 0 || ((seen & PythonCharClass.Apostrophe) != 0 && lower.Contains("n't", StringComparison.Ordinal)),
            IsUpper = (seen & PythonCharClass.NonAscii) != 0
                ? PythonText.IsUpper(word)
                : (seen & (PythonCharClass.Upper | PythonCharClass.Lower)) == PythonCharClass.Upper,
        };
        return entry.Flags;
    }
}
