namespace MachineActors.Host.Api;

/// <summary>The error shapes of the API, as InvenTree (Django REST framework) answers them.</summary>
public static class ApiResults
{
    public static IResult BadRequest(string detail) => Results.BadRequest(new { detail });

    /// <summary>Field errors: <c>{"name": ["This field is required."]}</c>.</summary>
    public static IResult FieldErrors(IReadOnlyDictionary<string, string[]> errors) => Results.BadRequest(errors);

    public static IResult FieldError(string field, string message) => FieldErrors(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotFound(string detail) => Results.NotFound(new { detail });

    public static IResult MachineNotFound(string pk) => NotFound($"Machine '{pk}' not found");

    public static IResult Unavailable(string detail) => Results.Json(new { detail }, statusCode: StatusCodes.Status503ServiceUnavailable);

    public static IResult DriverFailed(string detail) => Results.Json(new { detail }, statusCode: StatusCodes.Status502BadGateway);
}
