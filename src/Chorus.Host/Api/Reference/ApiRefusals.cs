namespace Chorus.Host.Api.Reference;

/// <summary>The refusals the OpenAPI document lists, declared once for the routes that can answer them.</summary>
internal static class ApiRefusals
{
    /// <summary>What any API route can answer before its handler runs: no or a wrong API key, or a client over its rate limit.</summary>
    public static TBuilder ProducesApiRefusals<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        => builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>What a route that reads a JSON body answers when the body cannot be taken (see <see cref="JsonRequestBody"/>).</summary>
    public static RouteHandlerBuilder ProducesBodyRefusals(this RouteHandlerBuilder builder)
        => builder
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
