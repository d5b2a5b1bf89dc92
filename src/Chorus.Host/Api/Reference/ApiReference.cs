using Scalar.AspNetCore;

namespace Chorus.Host.Api.Reference;

/// <summary>
/// The API's contract: an OpenAPI 3.1 document generated from the mapped routes at <c>/openapi/v1.json</c>, and a
/// reference UI (Scalar) at <c>/docs</c>, where <c>/</c> leads. Both are public: they describe the API, not its data.
/// </summary>
internal static class ApiReference
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string UiPath = "/docs";

    public static IServiceCollection AddChorusApiReference(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<ApiDocumentDescription>();
            options.AddOperationTransformer<ApiKeyRequirement>();
            options.AddSchemaTransformer<ProblemDetailsExtensions>();
        });
        return services;
    }

    public static WebApplication MapChorusApiReference(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(UiPath, options => options
            .WithTitle("Chorus API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .AddPreferredSecuritySchemes(ApiKeyAuthenticationHandler.SchemeName))
            .WithMetadata(ApiReferenceUi.Marker);
        app.MapGet("/", () => Results.Redirect(UiPath)).ExcludeFromDescription().WithMetadata(ApiReferenceUi.Marker);
        return app;
    }
}
