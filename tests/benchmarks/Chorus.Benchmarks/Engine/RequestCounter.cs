using Azure.Core;
using Azure.Core.Pipeline;

namespace Chorus.Benchmarks.Engine;

/// <summary>Counts Blob Storage requests by kind, so figures can be read against the storage bound.</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private long _writes;
    private long _reads;

    /// <summary>Gets PUT and DELETE requests: every state change.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Gets GET and HEAD requests: reads, listings and tag queries.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Put || message.Request.Method == RequestMethod.Delete)
        {
            Interlocked.Increment(ref _writes);
        }
        else
        {
            Interlocked.Increment(ref _reads);
            if (Environment.GetEnvironmentVariable("CHORUS_TRACE_READS") is not null)
            {
                Console.Error.WriteLine($"{message.Request.Method} {message.Request.Uri.Path} {message.Request.Uri.Query}");
            }
        }
    }
}
