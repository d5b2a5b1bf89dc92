namespace Chorus.Host.Tests.Contract;

/// <summary>
/// Checks every response the tests' HTTP client receives against the host's OpenAPI document, so each test that calls
/// the API also tests the contract: a response the document does not describe fails the test that met it.
/// </summary>
internal sealed class ContractCheckingHandler(Func<Task<OpenApiContract>> contract) : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? sent = request.Content is ByteArrayContent content ? await content.ReadAsStringAsync(cancellationToken) : null;
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri is { } uri && !uri.AbsolutePath.StartsWith("/openapi/", StringComparison.Ordinal))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            OpenApiContract checker = await contract();
            List<string> problems = [.. checker.Check(request.Method, uri.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType, body)];
            if (response.IsSuccessStatusCode && sent is not null)
            {
                problems.AddRange(checker.CheckAccepted(request.Method, uri.AbsolutePath, request.Content!.Headers.ContentType, sent));
            }

            if (problems.Count > 0)
            {
                throw new ContractViolationException(string.Join(Environment.NewLine, problems));
            }
        }

        return response;
    }
}

/// <summary>A response the OpenAPI document does not describe.</summary>
internal sealed class ContractViolationException(string message) : Exception("The response breaks the OpenAPI document: " + message);
