using System.Text.Json.Serialization;

namespace Chorus.Approvals;

/// <summary>Source-generated JSON for token payloads; strict, since anything unexpected means a token we did not make.</summary>
[JsonSourceGenerationOptions(
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    MaxDepth = 4)]
[JsonSerializable(typeof(ApprovalTokenPayload))]
internal sealed partial class ApprovalTokenJsonContext : JsonSerializerContext;
