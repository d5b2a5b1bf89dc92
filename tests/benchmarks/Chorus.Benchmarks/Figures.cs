using System.Globalization;

namespace Chorus.Benchmarks;

/// <summary>How every benchmark states a figure (<c>metric: value unit</c>) and reads a percentile of its samples.</summary>
internal static class Figures
{
    /// <summary>The nearest-rank percentile <paramref name="p"/> (0..1) of <paramref name="sorted"/>; NaN when there are none.</summary>
    public static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Writes one figure as the line <c>metric: value unit</c>.</summary>
    public static void Report(TextWriter output, string metric, double value, string unit)
        => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{metric}: {value:0.#} {unit}"));
}
