using System.Globalization;

namespace Chorus.Sentiment.Vader;

/// <summary>
/// Python's <c>round(x, ndigits)</c> for floats: the exact binary value is rounded to <c>ndigits</c> decimals, ties to
/// even, and the decimal result converted back to the nearest double. <see cref="Math.Round(double, int, MidpointRounding)"/>
/// scales by 10^n first, which can itself round (0.1235 is stored as 0.12349999..., yet 0.1235 * 1000 == 123.5), so
/// it disagrees with the reference on some values.
/// </summary>
internal static class PythonRound
{
    private static readonly ulong[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>Rounds like Python 3's <c>round(value, digits)</c>, for 0 &lt;= digits &lt;= 8.</summary>
    public static double Round(double value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, Powers.Length - 1);
        if (!double.IsFinite(value) || value == 0)
        {
            return value;
        }

        ulong bits = BitConverter.DoubleToUInt64Bits(Math.Abs(value));
        int biasedExponent = (int)(bits >> 52);
        ulong mantissa = bits & ((1UL << 52) - 1);
        if (biasedExponent == 0)
        {
            biasedExponent = 1;
        }
        else
        {
            mantissa |= 1UL << 52;
        }

        // |value| == mantissa * 2^exponent exactly.
        int exponent = biasedExponent - 1075;
        if (exponent >= 0)
        {
            return value;
        }

        UInt128 scaled = (UInt128)mantissa * Powers[digits];
        int shift = -exponent;
        UInt128 quotient;
        if (shift >= 127)
        {
            // scaled < 2^80, so the value is far below half a unit of the last decimal.
            quotient = 0;
        }
        else
        {
            quotient = scaled >> shift;
            UInt128 remainder = scaled - (quotient << shift);
            UInt128 half = UInt128.One << (shift - 1);
            if (remainder > half || (remainder == half && (quotient & UInt128.One) == UInt128.One))
            {
                quotient++;
            }
        }

        double magnitude = quotient < (UInt128.One << 53)
            ? (double)quotient / Powers[digits] // both exact, so IEEE division rounds the decimal correctly
            : double.Parse(quotient.ToString(CultureInfo.InvariantCulture) + "e-" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return value < 0 ? -magnitude : magnitude;
    }
}
