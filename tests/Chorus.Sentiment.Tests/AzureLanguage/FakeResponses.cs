using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Chorus.Sentiment.Tests.AzureLanguage;

/// <summary>What the fake service can answer: documented fixtures, raw bodies, delays, and an echo of the request.</summary>
internal static class FakeResponses
{
    /// <summary>The model version the echo responder reports.</summary>
    public const string EchoModelVersion = "2025-01-01";

    /// <summary>
    /// Answers every document of the request with a one-sentence neutral result built from its own text, in reverse
    /// order (the service does not promise input order).
    /// </summary>
    public static Responder Echo { get; } = async (request, context) =>
    {
        var documents = new JsonArray();
        foreach ((string id, _, string text) in request.Documents.Reverse())
        {
            documents.Add(new JsonObject
            {
                ["id"] = id,
                ["sentiment"] = "neutral",
                ["confidenceScores"] = Scores(),
                ["sentences"] = new JsonArray(new JsonObject
                {
                    ["sentiment"] = "neutral",
                    ["confidenceScores"] = Scores(),
                    ["offset"] = 0,
                    ["length"] = text.Length,
                    ["text"] = text,
                    ["targets"] = new JsonArray(),
                    ["assessments"] = new JsonArray(),
                }),
                ["warnings"] = new JsonArray(),
            });
        }

        var response = new JsonObject
        {
            ["kind"] = "SentimentAnalysisResults",
            ["results"] = new JsonObject
            {
                ["documents"] = documents,
                ["errors"] = new JsonArray(),
                ["modelVersion"] = EchoModelVersion,
            },
        };
        await WriteAsync(context, StatusCodes.Status200OK, response.ToJsonString(), "application/json; charset=utf-8");
    };

    /// <summary>Answers with a JSON file from <c>Responses/</c>.</summary>
    public static Responder Fixture(string name, int status = StatusCodes.Status200OK, params (string Name, string Value)[] headers)
    {
        string json = ReadFixture(name);
        return (_, context) =>
        {
            foreach ((string headerName, string value) in headers)
            {
                context.Response.Headers[headerName] = value;
            }

            return WriteAsync(context, status, json, "application/json; charset=utf-8");
        };
    }

    /// <summary>Answers with an arbitrary body.</summary>
    public static Responder Raw(int status, string body, string contentType = "application/json; charset=utf-8") =>
        (_, context) => WriteAsync(context, status, body, contentType);

    /// <summary>Holds the request for <paramref name="delay"/> (or until the client gives up), then answers with <paramref name="then"/>.</summary>
    public static Responder Delayed(TimeSpan delay, Responder then) => async (request, context) =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await then(request, context);
    };

    /// <summary>Reads a fixture from the source tree (fixtures are not copied to the output).</summary>
    public static string ReadFixture(string name) => File.ReadAllText(Path.Combine(ResponsesDirectory(), name), Encoding.UTF8);

    private static string ResponsesDirectory([CallerFilePath] string sourceFile = "")
    {
        string beside = Path.Combine(Path.GetDirectoryName(sourceFile) ?? string.Empty, "Responses");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        // Builds with a mapped source path: walk up from the output folder to the test project instead.
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "AzureLanguage", "Responses");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"AzureLanguage/Responses not found beside {sourceFile} or above {AppContext.BaseDirectory}.");
    }

    private static JsonObject Scores() => new() { ["positive"] = 0.05, ["neutral"] = 0.9, ["negative"] = 0.05 };

    private static async Task WriteAsync(HttpContext context, int status, string body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Parses a fixture, for tests that compare mapped values with what the service sent.</summary>
    public static JsonDocument ParseFixture(string name) => JsonDocument.Parse(ReadFixture(name));
}
