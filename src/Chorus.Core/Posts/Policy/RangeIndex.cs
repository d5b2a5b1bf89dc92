namespace Chorus.Posts.Policy;

/// <summary>Answers "does this range overlap anything already found?" in logarithmic time, however many ranges there are.</summary>
internal sealed class RangeIndex
{
    private readonly TextRange[] _ranges;

    // maxEnds[k] is the furthest end among ranges[0..k], so one binary search settles any overlap.
    private readonly int[] _maxEnds;

    public RangeIndex(IEnumerable<TextRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        _ranges = [.. ranges.OrderBy(range => range.Start)];
        _maxEnds = new int[_ranges.Length];
        int max = int.MinValue;
        for (int k = 0; k < _ranges.Length; k++)
        {
            max = Math.Max(max, _ranges[k].End);
            _maxEnds[k] = max;
        }
    }

    /// <summary>Returns whether <paramref name="range"/> shares a code unit with any indexed range.</summary>
    public bool Overlaps(TextRange range)
    {
        // Count the ranges starting before this one ends; one of them overlaps if any reaches past its start.
        int low = 0;
        int high = _ranges.Length;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (_ranges[middle].Start < range.End)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low > 0 && _maxEnds[low - 1] > range.Start;
    }
}
