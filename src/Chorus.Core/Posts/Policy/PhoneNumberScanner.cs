using System.Globalization;
using System.Text;

namespace Chorus.Posts.Policy;

/// <summary>
/// Finds phone numbers: international ones ("+44 20 7946 0958", "+1 (555) 123-4567") with 8 to 15 digits, and
/// national ones with 9 to 15 digits written in groups ("(555) 123-4567", "06 12 34 56 78", "020 7946 0958") or
/// solid with a leading trunk zero ("07700900123"). A run of digits is read once, as a whole, and set aside when it
/// looks like something else: a year or list of years, a price, a decimal, a count grouped in thousands
/// ("1 234 567 890"), a date followed by a time, an ISBN-13 ("978-3-16-148410-0"). Fewer than 8 digits never qualify, so times and single dates never do.
/// </summary>
internal static class PhoneNumberScanner
{
    private const int MinInternationalDigits = 8;
    private const int MinNationalDigits = 9;
    private const int MaxDigits = 15; // E.164

    /// <summary>Returns each phone number found, in text order.</summary>
    public static IEnumerable<TextRange> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            bool starts = TextChars.IsDigit(c)
                || (c is '+' or '(' && (TextChars.IsDigitAt(text, i + 1) || (c == '+' && i + 1 < text.Length && text[i + 1] == '(' && TextChars.IsDigitAt(text, i + 2))));
            if (!starts)
            {
                i++;
                continue;
            }

            Candidate candidate = Candidate.Read(text, i);
            if (candidate.IsPhoneNumber && StandsAlone(text, i, candidate.End))
            {
                yield return new TextRange(i, candidate.End - i);
            }

            i = Math.Max(candidate.End, i + 1);
        }
    }

    private static bool StandsAlone(string text, int start, int end)
    {
        if (TextChars.RuneBefore(text, start) is { } before
            && (TextChars.IsWordChar(before) || before.Value is '#' or '@' or '/' or '.' or ',' or '+' or '-' || IsCurrency(before)))
        {
            return false;
        }

        if (start >= 2 && text[start - 1] == ' ' && IsCurrency(TextChars.RuneBefore(text, start - 1)))
        {
            return false;
        }

        if (end < text.Length)
        {
            Rune after = TextChars.RuneAt(text, end, out _);
            bool decimalPart = after.Value is '.' or ',' && TextChars.IsDigitAt(text, end + 1);
            if (TextChars.IsWordChar(after) || after.Value is '%' or '/' || IsCurrency(after) || decimalPart)
            {
                return false;
            }

            if (after.Value == ' ' && end + 1 < text.Length && IsCurrency(TextChars.RuneAt(text, end + 1, out _)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCurrency(Rune? rune) => rune is { } r && Rune.GetUnicodeCategory(r) == UnicodeCategory.CurrencySymbol;

    /// <summary>One run of digit groups, read once, with just enough about its shape to tell a phone number from other numbers.</summary>
    private sealed class Candidate
    {
        private readonly HashSet<char> _separators = [];

        // The first digits, enough to recognise an ISBN-13.
        private readonly char[] _leading = new char[MaxDigits];

        private bool _international;
        private bool _hasParentheses;
        private int _digits;
        private int _groups;
        private int _firstGroupLength;
        private bool _startsWithZero;
        private bool _othersAreThousands = true;
        private bool _allYears = true;
        private bool _unbalanced;

        public int End { get; private set; }

        public bool IsPhoneNumber
        {
            get
            {
                if (_unbalanced || _digits > MaxDigits)
                {
                    return false;
                }

                if (_international)
                {
                    return _digits >= MinInternationalDigits;
                }

                if (_digits < MinNationalDigits)
                {
                    return false;
                }

                if (_groups == 1)
                {
                    // A solid run without a trunk zero is as likely an order number or a timestamp.
                    return _startsWithZero && !_hasParentheses;
                }

                bool years = _allYears && !_hasParentheses;
                bool thousands = _othersAreThousands && _firstGroupLength <= 3 && !_startsWithZero && !_hasParentheses && _separators.Count == 1;
                bool dateAndTime = _separators.Contains('.') && _separators.Count > 1;
                bool decimalNumber = _groups == 2 && _separators.Contains('.');
                return !(years || thousands || dateAndTime || decimalNumber || IsIsbn13());
            }
        }

        public static Candidate Read(string text, int start)
        {
            Candidate candidate = new();
            int j = start;
            if (text[j] == '+')
            {
                candidate._international = true;
                j++;
            }

            while (true)
            {
                bool parenthesised = j < text.Length && text[j] == '(';
                if (parenthesised)
                {
                    candidate._hasParentheses = true;
                    j++;
                }

                int groupStart = j;
                while (j < text.Length && TextChars.IsDigit(text[j]))
                {
                    j++;
                }

                candidate.AddGroup(text.AsSpan(groupStart, j - groupStart));
                if (parenthesised)
                {
                    if (j < text.Length && text[j] == ')')
                    {
                        j++;
                    }
                    else
                    {
                        candidate._unbalanced = true;
                        break;
                    }
                }

                if (j + 1 < text.Length && text[j] is ' ' or '-' or '.' or '\u00A0'
                    && (TextChars.IsDigit(text[j + 1]) || (text[j + 1] == '(' && TextChars.IsDigitAt(text, j + 2))))
                {
                    candidate._separators.Add(text[j] == '\u00A0' ? ' ' : text[j]);
                    j++;
                    continue;
                }

                if (parenthesised && TextChars.IsDigitAt(text, j))
                {
                    // "(555)123-4567": the area code needs no separator after it.
                    continue;
                }

                break;
            }

            candidate.End = j;
            return candidate;
        }

        // Book numbers start 978 or 979 and carry a check digit (weights 1 and 3); a phone number passing both is rare.
        private bool IsIsbn13()
        {
            ReadOnlySpan<char> isbn = _leading.AsSpan(0, Math.Min(_digits, MaxDigits));
            if (_digits != 13 || !(isbn.StartsWith("978") || isbn.StartsWith("979")))
            {
                return false;
            }

            int sum = 0;
            for (int k = 0; k < isbn.Length; k++)
            {
                sum += (isbn[k] - '0') * (k % 2 == 0 ? 1 : 3);
            }

            return sum % 10 == 0;
        }

        private void AddGroup(ReadOnlySpan<char> group)
        {
            if (_groups == 0)
            {
                _firstGroupLength = group.Length;
                _startsWithZero = group.Length > 0 && group[0] == '0';
            }
            else if (group.Length != 3)
            {
                _othersAreThousands = false;
            }

            if (!(group.Length == 4 && int.Parse(group, CultureInfo.InvariantCulture) is >= 1900 and <= 2099))
            {
                _allYears = false;
            }

            for (int k = 0; k < group.Length && _digits + k < MaxDigits; k++)
            {
                _leading[_digits + k] = group[k];
            }

            // Past the limit the count only needs to show it was exceeded, and cannot overflow on a megabyte of digits.
            _digits = Math.Min(_digits + group.Length, MaxDigits + 1);
            _groups = Math.Min(_groups + 1, MaxDigits + 1);
        }
    }
}
