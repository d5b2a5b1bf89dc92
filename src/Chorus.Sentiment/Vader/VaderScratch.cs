namespace Chorus.Sentiment.Vader;

/// <summary>
/// Per-thread working buffers, so scoring a text allocates nothing once they have grown to fit. Buffers grown for
/// an unusually long text are dropped afterwards rather than kept for the life of the thread.
/// </summary>
internal sealed class VaderScratch
{
    private const int RetainedLength = 1 << 16;

    [ThreadStatic]
    private static VaderScratch? _cached;

    private char[] _text = new char[512];
    private char[] _lower = new char[512];
    private VaderToken[] _tokens = new VaderToken[128];
    private double[] _sentiments = new double[128];

    /// <summary>Takes this thread's buffers (or new ones if they are in use further up the stack).</summary>
    public static VaderScratch Rent()
    {
        VaderScratch? scratch = _cached;
        _cached = null;
        return scratch ?? new VaderScratch();
    }

    /// <summary>Gives the buffers back to this thread.</summary>
    public static void Return(VaderScratch scratch)
    {
        if (scratch._text.Length > RetainedLength || scratch._lower.Length > RetainedLength || scratch._tokens.Length > RetainedLength)
        {
            return;
        }

        _cached = scratch;
    }

    /// <summary>Gets a buffer of at least <paramref name="length"/> characters for the emoji-free text.</summary>
    public char[] Text(int length) => Ensure(ref _text, length);

    /// <summary>Gets a buffer of at least <paramref name="length"/> characters for lower-cased tokens.</summary>
    public char[] Lower(int length) => Ensure(ref _lower, length);

    /// <summary>Gets the token buffer, grown to hold at least <paramref name="count"/> tokens.</summary>
    public VaderToken[] Tokens(int count) => Ensure(ref _tokens, count);

    /// <summary>Gets the sentiment buffer, grown to hold at least <paramref name="count"/> values.</summary>
    public double[] Sentiments(int count) => Ensure(ref _sentiments, count);

    private static T[] Ensure<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            // Tokens and sentiments keep their contents: they grow while being filled.
            Array.Resize(ref buffer, Math.Max(length, (int)Math.Min(Array.MaxLength, 2L * buffer.Length)));
        }

        return buffer;
    }
}
