using System.Text.Json.Serialization;

namespace Chorus.Approvals;

/// <summary>
/// The signed JSON inside a token. Short names keep links short: every byte here is three-quarters of a byte more in
/// an email that some clients wrap at 76 columns. Expiry is whole Unix seconds.
/// </summary>
internal sealed record ApprovalTokenPayload(
    [property: JsonPropertyName("sub")] string Subject,
    [property: JsonPropertyName("id")] string InstanceId,
    [property: JsonPropertyName("stg")] int Stage,
    [property: JsonPropertyName("apr")] string Approver,
    [property: JsonPropertyName("act")] string Action,
    [property: JsonPropertyName("exp")] long ExpiresAt);
