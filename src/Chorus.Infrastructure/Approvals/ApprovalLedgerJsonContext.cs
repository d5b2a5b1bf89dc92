using System.Text.Json;
using System.Text.Json.Serialization;
using Chorus.Approvals;

namespace Chorus.Infrastructure.Approvals;

/// <summary>Source-generated JSON for ledger blobs.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(ApprovalDecisionRecord))]
internal sealed partial class ApprovalLedgerJsonContext : JsonSerializerContext;
