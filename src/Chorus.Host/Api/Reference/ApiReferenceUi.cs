namespace Chorus.Host.Api.Reference;

/// <summary>
/// Marks the routes of the reference UI (<c>/docs</c>, and <c>/</c> that leads there). They are the self-host's alone:
/// the Azure Functions app serves the document, which any OpenAPI tool can open.
/// </summary>
internal sealed class ApiReferenceUi
{
    private ApiReferenceUi()
    {
    }

    public static ApiReferenceUi Marker { get; } = new();
}
