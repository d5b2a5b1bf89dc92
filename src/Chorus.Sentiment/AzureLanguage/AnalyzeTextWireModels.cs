using System.Text.Json.Serialization;

namespace Chorus.Sentiment.AzureLanguage;

// The response shapes of POST /language/:analyze-text for kind SentimentAnalysis (api-version 2023-04-01 and
// 2024-11-01). Everything is nullable: the service's JSON is input, and a missing member must become a clear
// per-document error rather than a NullReferenceException.

/// <summary>The whole response: <c>{"kind":"SentimentAnalysisResults","results":{...}}</c>.</summary>
internal sealed record AnalyzeTextResponse(string? Kind, SentimentResults? Results);

/// <summary>Per-document results and errors of one request.</summary>
internal sealed record SentimentResults(
    IReadOnlyList<WireDocumentSentiment>? Documents,
    IReadOnlyList<WireDocumentError>? Errors,
    string? ModelVersion);

/// <summary>One scored document.</summary>
internal sealed record WireDocumentSentiment(
    string? Id,
    string? Sentiment,
    WireConfidenceScores? ConfidenceScores,
    IReadOnlyList<WireSentence>? Sentences,
    IReadOnlyList<WireWarning>? Warnings);

/// <summary>Confidence per label; targets and assessments carry only positive and negative.</summary>
internal sealed record WireConfidenceScores(double Positive, double Neutral, double Negative);

/// <summary>One sentence, with opinion-mining targets and assessments when requested.</summary>
internal sealed record WireSentence(
    string? Text,
    string? Sentiment,
    WireConfidenceScores? ConfidenceScores,
    int Offset,
    int Length,
    IReadOnlyList<WireTarget>? Targets,
    IReadOnlyList<WireAssessment>? Assessments);

/// <summary>An opinion target; its assessments are found through <see cref="Relations"/>.</summary>
internal sealed record WireTarget(
    string? Text,
    string? Sentiment,
    WireConfidenceScores? ConfidenceScores,
    int Offset,
    int Length,
    IReadOnlyList<WireRelation>? Relations);

/// <summary>An assessment of one or more targets.</summary>
internal sealed record WireAssessment(
    string? Text,
    string? Sentiment,
    WireConfidenceScores? ConfidenceScores,
    int Offset,
    int Length,
    bool IsNegated);

/// <summary>A JSON-pointer-like link from a target to an assessment, e.g. <c>#/documents/0/sentences/1/assessments/0</c>.</summary>
internal sealed record WireRelation(string? RelationType, string? Ref);

/// <summary>A warning the service attached to a document.</summary>
internal sealed record WireWarning(string? Code, string? Message, string? TargetRef);

/// <summary>A document the service could not score.</summary>
internal sealed record WireDocumentError(string? Id, WireError? Error);

/// <summary>The Azure error object; the inner error carries the specific code (InvalidDocument, UnsupportedLanguageCode, ...).</summary>
internal sealed record WireError(
    string? Code,
    string? Message,
    [property: JsonPropertyName("innererror")] WireError? InnerError);

/// <summary>The body of a failed request: <c>{"error":{...}}</c>.</summary>
internal sealed record WireErrorResponse(WireError? Error);
