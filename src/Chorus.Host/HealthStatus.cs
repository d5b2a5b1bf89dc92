namespace Chorus.Host;

/// <summary>The answer of <c>GET /healthz</c>.</summary>
internal sealed record HealthStatus(string Status);
