namespace Chorus.Posts.Policy;

/// <summary>Answers "does this range overlap anything already found?" in logarithmic time, however many ranges there are.</summary>
internal sealed class RangeIndex
{
    private readonly TextRange[] ranges;

    // maxEnds[k] is the furthest end among ranges[0..k], so one binary search settles any overlap.
    private readonly int[] maxEnds;

    public RangeIndex(IEnumerable<TextRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        this.ranges = [.. ranges.OrderBy(range => range.Start)];
        maxEnds = new int[this.ranges.Length];
        int max = int.MinValue;
        for (int k = 0; k < this.ranges.Length; k++)
        {
            max = Math.Max(max, this.ranges[k].End);
            maxEnds[k] = max;
        }
    }

    /// <summary>Returns whether <paramref name="range"/> shares a code unit with any indexed range.</summary>
    public bool Overlaps(TextRange range)
    {
        // Count the ranges starting before this one ends; one of them overlaps if any reaches past its start.
        int low = 0;
        int high = ranges.Length;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (ranges[middle].Start < range.End)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low > 0 && maxEnds[low - 1] > range.Start;
    }
}
