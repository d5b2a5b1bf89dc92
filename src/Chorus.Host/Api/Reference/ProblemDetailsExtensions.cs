using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chorus.Host.Api.Reference;

/// <summary>
/// Says in the document what RFC 9457 allows and Chorus sends: problem details carry extension members beyond the
/// standard ones (<c>traceId</c> on every one, <c>errors</c> on validation problems).
/// </summary>
internal sealed class ProblemDetailsExtensions : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
        {
            schema.AdditionalProperties = new OpenApiSchema();
        }

        return Task.CompletedTask;
    }
}
