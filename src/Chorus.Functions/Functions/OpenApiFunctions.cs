using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chorus.Functions.Functions;

/// <summary>
/// GET /openapi/v1.json: the API's contract, the self-host's generated document as committed in this project
/// (<c>OpenApi/v1.json</c>; tests/Chorus.Host.Tests/OpenApiDocumentTests keeps the two equal).
/// </summary>
internal static class OpenApiFunctions
{
    private const string Resource = "Chorus.Functions.OpenApi.v1.json";

    /// <summary>GET /openapi/v1.json.</summary>
    [Function("OpenApiDocument")]
    public static IResult Document(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request)
        => Results.Stream(typeof(OpenApiFunctions).Assembly.GetManifestResourceStream(Resource)!, "application/json; charset=utf-8");
}
