using Microsoft.AspNetCore.Http.HttpResults;

namespace Chorus.Host.Api;

/// <summary>RFC 9457 problem details for the API's refusals, one wording each.</summary>
internal static class ApiProblems
{
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string title = "The request was not accepted.")
        => TypedResults.ValidationProblem(errors, title: title, detail: "See 'errors': each names a field and what is wrong with it. Nothing was stored.");

    public static IResult Problem(int status, string title, string detail)
        => Results.Problem(statusCode: status, title: title, detail: detail);
}
