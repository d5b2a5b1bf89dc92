using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Chorus.Benchmarks.Engine;

/// <summary>
/// Counts this process's outgoing HTTP requests by server port and method, with their total duration, from .NET's
/// own <c>http.client.request.duration</c> metric: Azurite's blob, queue and table endpoints are told apart by port,
/// and so are the gRPC calls to the in-process sidecar. Cheap enough to leave on while measuring.
/// </summary>
internal sealed class HttpRequestMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(int Port, string Method), Sum> _sums = new();
    private readonly Lock _slowGate = new();
    private long _slowCount;
    private double _slowest;

    /// <summary>Gets the duration above which a request counts as a stall.</summary>
    public static TimeSpan SlowThreshold { get; } = TimeSpan.FromSeconds(5);

    public HttpRequestMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Gets the counts and durations so far, to subtract from a later snapshot.</summary>
    public Dictionary<(int Port, string Method), (long Count, double Seconds)> Snapshot()
        => _sums.ToDictionary(kv => kv.Key, kv => kv.Value.Read());

    /// <summary>Requests between two snapshots to the given port: writes (anything but GET and HEAD), reads, and their mean duration.</summary>
    public static (long Writes, long Reads, double MeanMilliseconds) Between(
        Dictionary<(int Port, string Method), (long Count, double Seconds)> before,
        Dictionary<(int Port, string Method), (long Count, double Seconds)> after,
        int port)
    {
        long writes = 0, reads = 0;
        double seconds = 0;
        foreach (((int Port, string Method) key, (long count, double total)) in after)
        {
            if (key.Port != port)
            {
                continue;
            }

            (long Count, double Seconds) earlier = before.GetValueOrDefault(key);
            long n = count - earlier.Count;
            seconds += total - earlier.Seconds;
            if (key.Method is "GET" or "HEAD")
            {
                reads += n;
            }
            else
            {
                writes += n;
            }
        }

        return (writes, reads, writes + reads == 0 ? 0 : seconds * 1000 / (writes + reads));
    }

    /// <summary>Gets the number of requests over <see cref="SlowThreshold"/> and the longest of them since the last call, and starts counting afresh.</summary>
    public (long Count, double LongestSeconds) TakeSlow()
    {
        lock (_slowGate)
        {
            (long, double) slow = (_slowCount, _slowest);
            (_slowCount, _slowest) = (0, 0);
            return slow;
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        int port = 0;
        string method = "?";
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "server.port")
            {
                port = tag.Value switch { int i => i, long l => (int)l, string s when int.TryParse(s, out int p) => p, _ => 0 };
            }
            else if (tag.Key == "http.request.method" && tag.Value is string m)
            {
                method = m;
            }
        }

        _sums.GetOrAdd((port, method), _ => new Sum()).Add(seconds);
        if (seconds > SlowThreshold.TotalSeconds)
        {
            lock (_slowGate)
            {
                _slowCount++;
                _slowest = Math.Max(_slowest, seconds);
            }
        }
    }

    private sealed class Sum
    {
        private readonly Lock _gate = new();
        private long _count;
        private double _seconds;

        public void Add(double seconds)
        {
            lock (_gate)
            {
                _count++;
                _seconds += seconds;
            }
        }

        public (long Count, double Seconds) Read()
        {
            lock (_gate)
            {
                return (_count, _seconds);
            }
        }
    }
}
