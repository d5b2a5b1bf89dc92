namespace Chorus.Benchmarks;

/// <summary>One named benchmark. It prints each figure as a line <c>metric: value unit</c>.</summary>
internal interface IBenchmark
{
    /// <summary>Gets the name given to <c>tests/benchmarks/run NAME</c>.</summary>
    string Name { get; }

    /// <summary>Runs the benchmark and writes its figures to <paramref name="output"/>.</summary>
    Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken);
}
