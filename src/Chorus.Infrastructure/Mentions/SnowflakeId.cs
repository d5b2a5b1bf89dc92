namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// An id that sources hand out as a string but allocate in increasing numeric order (X post ids, Mastodon ids): it is
/// ordered as a number of any length, by length first, then digit by digit.
/// </summary>
internal readonly record struct SnowflakeId(string Value) : IComparable<SnowflakeId>
{
    public int CompareTo(SnowflakeId other)
    {
        string left = (Value ?? string.Empty).TrimStart('0');
        string right = (other.Value ?? string.Empty).TrimStart('0');
        int byLength = left.Length.CompareTo(right.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(left, right);
    }

    public override string ToString() => Value;
}
