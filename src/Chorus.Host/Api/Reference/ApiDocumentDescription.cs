using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chorus.Host.Api.Reference;

/// <summary>The document's title and description, and the API-key scheme every <c>/api</c> route requires.</summary>
internal sealed class ApiDocumentDescription : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Chorus API",
            Version = "v1",
            Description = "Staff posts go through policy checks, sentiment and human approval before they are published; "
                + "customer mentions are polled, scored and triaged. Every refusal is RFC 9457 problem details whose "
                + "'errors' name the fields at fault. Approval pages under /approvals are opened from emailed links.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };

        // No server: the document is served by every host, so clients resolve paths against wherever they read it.
        document.Servers?.Clear();
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyOptions.HeaderName,
            Description = "A key from the Api:Keys configuration section; the key's name is recorded as the client that made each change.",
        };
        return Task.CompletedTask;
    }
}
