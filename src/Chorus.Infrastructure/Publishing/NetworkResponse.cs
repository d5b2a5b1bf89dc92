using System.Net;
using System.Text.Json;

namespace Chorus.Infrastructure.Publishing;

/// <summary>A network's answer: the status, the JSON body (an empty object when there was none), and any wait it asked for.</summary>
internal sealed record NetworkResponse(HttpStatusCode Status, JsonElement Body, TimeSpan? RetryAfter)
{
    /// <summary>Gets a value indicating whether the status is 2xx.</summary>
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>Gets the body's string property <paramref name="name"/>, or null.</summary>
    public string? String(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
