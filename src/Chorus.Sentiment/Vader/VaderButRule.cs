namespace Chorus.Sentiment.Vader;

/// <summary>
/// The reference's <c>_but_check</c>, reproduced exactly but in near-linear time. The reference walks the list and,
/// for each value, rescales the element at <c>sentiments.index(value)</c>: the FIRST element equal to it, which is
/// not always the one being visited. Sentiments before the first "but" are halved and those after it scaled by 1.5,
/// judged by that first index. Done literally it is quadratic; a text of many repeated words would be slow.
/// </summary>
internal static class VaderButRule
{
    // Below this length the literal algorithm is cheaper than the indexed one and allocates nothing.
    private const int DirectLimit = 256;

    /// <summary>Applies the rule in place; <paramref name="butIndex"/> is the index of the first "but" token.</summary>
    public static void Apply(Span<double> sentiments, int butIndex)
    {
        if (sentiments.Length <= DirectLimit)
        {
            ApplyDirect(sentiments, butIndex);
        }
        else
        {
            ApplyIndexed(sentiments, butIndex);
        }
    }

    /// <summary>
    /// The reference's algorithm. At step p the list still holds the original value at p (earlier steps only rewrite
    /// the first match of their own value, which lies at or before their own position), so the first match of it
    /// is found at or before p. A zero is skipped: scaling it leaves it equal to zero, so nothing observable changes.
    /// </summary>
    internal static void ApplyDirect(Span<double> sentiments, int butIndex)
    {
        for (int p = 0; p < sentiments.Length; p++)
        {
            double value = sentiments[p];
            if (value == 0)
            {
                continue;
            }

            int first = 0;
            while (sentiments[first] != value)
            {
                first++;
            }

            Rescale(sentiments, first, value, butIndex);
        }
    }

    /// <summary>
    /// The same steps, with the positions currently holding each value kept in a min-heap per value, so "first
    /// index of this value" costs O(log n) instead of a scan.
    /// </summary>
    internal static void ApplyIndexed(Span<double> sentiments, int butIndex)
    {
        Dictionary<double, PriorityQueue<int, int>> positions = [];
        for (int p = 0; p < sentiments.Length; p++)
        {
            double value = sentiments[p];
            if (value == 0)
            {
                continue;
            }

            PriorityQueue<int, int> holders = Holders(positions, value);
            holders.Enqueue(p, p);
            int first = holders.Peek();
            if (first == butIndex)
            {
                continue;
            }

            holders.Dequeue();
            Rescale(sentiments, first, value, butIndex);
            Holders(positions, sentiments[first]).Enqueue(first, first);
        }
    }

    private static void Rescale(Span<double> sentiments, int index, double value, int butIndex)
    {
        if (index < butIndex)
        {
            sentiments[index] = value * VaderConstants.BeforeButScalar;
        }
        else if (index > butIndex)
        {
            sentiments[index] = value * VaderConstants.AfterButScalar;
        }
    }

    private static PriorityQueue<int, int> Holders(Dictionary<double, PriorityQueue<int, int>> positions, double value)
    {
        if (!positions.TryGetValue(value, out PriorityQueue<int, int>? holders))
        {
            holders = new PriorityQueue<int, int>();
            positions.Add(value, holders);
        }

        return holders;
    }
}
