namespace Chorus.Posts.Policy;

/// <summary>
/// Finds payment card numbers: 13 to 19 digits, optionally grouped with spaces or dashes, that pass the Luhn check
/// every card number carries (so a random 16-digit number is not reported; about one in ten would pass by chance).
/// Digits that follow a card number in the same run, such as an expiry date, are left off.
/// </summary>
internal static class PaymentCardScanner
{
    private const int MinDigits = 13;
    private const int MaxDigits = 19;

    /// <summary>Returns each card number found, in text order.</summary>
    public static IEnumerable<TextRange> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        while (i < text.Length)
        {
            if (!TextChars.IsDigit(text[i]))
            {
                i++;
                continue;
            }

            int start = i;
            DigitRun run = DigitRun.Read(text, start);
            i = run.End;

            // "+44 ..." is a phone number and "3.14159..." a decimal, not card numbers.
            bool standsAlone = !TextChars.IsWordCharBefore(text, start)
                && !(start > 0 && text[start - 1] is '+' or '.' or ',')
                && !TextChars.IsWordCharAt(text, run.End);
            if (standsAlone && run.LongestLuhnPrefixEnd() is int end)
            {
                yield return new TextRange(start, end - start);
            }
        }
    }

    /// <summary>Returns whether <paramref name="digits"/> (ASCII digits only) pass the Luhn check.</summary>
    internal static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        int sum = 0;
        bool doubled = false;
        for (int k = digits.Length - 1; k >= 0; k--)
        {
            int digit = digits[k] - '0';
            if (doubled)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    /// <summary>A run of digit groups separated by single spaces or dashes, with where each group ends.</summary>
    private sealed class DigitRun
    {
        // Only the first MaxDigits digits can be part of a card number found here, so only they are kept.
        private readonly char[] _digits = new char[MaxDigits];
        private readonly List<(int End, int Digits)> _groupEnds = [];

        public int End { get; private set; }

        public static DigitRun Read(string text, int start)
        {
            DigitRun run = new();
            int count = 0;
            int j = start;
            while (true)
            {
                while (j < text.Length && TextChars.IsDigit(text[j]))
                {
                    if (count < MaxDigits)
                    {
                        run._digits[count] = text[j];
                    }

                    count++;
                    j++;
                }

                if (count <= MaxDigits)
                {
                    run._groupEnds.Add((j, count));
                }

                if (j + 1 < text.Length && text[j] is ' ' or '-' && TextChars.IsDigit(text[j + 1]))
                {
                    j++;
                    continue;
                }

                run.End = j;
                return run;
            }
        }

        /// <summary>Returns where the longest group-aligned prefix of 13 to 19 digits passing Luhn ends, or null.</summary>
        public int? LongestLuhnPrefixEnd()
        {
            for (int k = _groupEnds.Count - 1; k >= 0; k--)
            {
                (int end, int count) = _groupEnds[k];
                if (count is >= MinDigits and <= MaxDigits && PassesLuhn(_digits.AsSpan(0, count)))
                {
                    return end;
                }
            }

            return null;
        }
    }
}
