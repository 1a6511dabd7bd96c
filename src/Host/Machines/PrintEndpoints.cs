using System.Text.Json;
using MachineActors.Host.Api;
using MachineActors.Host.Security;
using MachineActors.Machines.Printing;
using MachineActors.Registry.Printing;

namespace MachineActors.Host.Machines;

/// <summary>
/// POST /api/machine/{pk}/print/ accepts a job (202 once it is persisted); GET .../jobs/ and .../jobs/{id}/ follow
/// it. The Idempotency-Key header makes a retried request return the first job instead of printing again.
/// </summary>
public static class PrintEndpoints
{
    /// <summary>Largest print request: labels travel base64-encoded inside it.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    private const int MaxIdempotencyKeyLength = 200;

    /// <summary>Longest label name and content type: a name is a job title, a content type a media type with parameters.</summary>
    private const int MaxLabelTextLength = 200;

    public static void MapPrintEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/machine/{pk}");
        api.MapPost("/print/", Print).RequireAuthorization(ApiPolicies.Operator);
        api.MapGet("/jobs/", Jobs).RequireAuthorization(ApiPolicies.Viewer);
        api.MapGet("/jobs/{jobId}/", Job).RequireAuthorization(ApiPolicies.Viewer);
    }

    private static async Task<IResult> Print(string pk, HttpRequest request, RegistryClient registry, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id))
        {
            return ApiResults.MachineNotFound(pk);
        }
        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length > MaxIdempotencyKeyLength)
        {
            return ApiResults.BadRequest($"The Idempotency-Key header is longer than {MaxIdempotencyKeyLength} characters.");
        }
        var (body, bodyError) = await JsonBody.ReadObject(request, MaxBodyBytes);
        if (bodyError is not null)
        {
            return bodyError;
        }
        var (labels, labelError) = ReadLabels(body);
        if (labelError is not null)
        {
            return ApiResults.FieldError("labels", labelError);
        }
        var options = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (body.TryGetProperty("options", out var extra))
        {
            if (extra.ValueKind != JsonValueKind.Object)
            {
                return ApiResults.FieldError("options", "Must be an object of option values.");
            }
            foreach (var option in extra.EnumerateObject())
            {
                options[option.Name] = option.Value.Clone();
            }
        }
        if (body.TryGetProperty("copies", out var copies))
        {
            options["copies"] = copies.Clone();
        }
        var (reply, error) = await registry.Ask<PrintJobAccepted>(new SubmitPrintJob(id, labels!, options, key.Length > 0 ? key : null), ct);
        if (error is not null)
        {
            return RegistryClient.ToMachineResult(error, pk);
        }
        var job = PrintJson.Job(reply!.Job);
        return reply.Duplicate ? Results.Ok(job) : Results.Accepted($"/api/machine/{id}/jobs/{reply.Job.Id}/", job);
    }

    private static async Task<IResult> Jobs(string pk, RegistryClient registry, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id))
        {
            return ApiResults.MachineNotFound(pk);
        }
        var (reply, error) = await registry.Ask<PrintJobsResult>(new GetPrintJobs(id), ct);
        return error is not null ? RegistryClient.ToResult(error) : Results.Ok(reply!.Jobs.Select(PrintJson.Job));
    }

    private static async Task<IResult> Job(string pk, string jobId, RegistryClient registry, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id) || !Guid.TryParse(jobId, out var job))
        {
            return ApiResults.NotFound($"Print job '{jobId}' not found");
        }
        var (reply, error) = await registry.Ask<PrintJobResult>(new GetPrintJob(id, job), ct);
        return error is not null ? RegistryClient.ToResult(error) : Results.Ok(PrintJson.Job(reply!.Job));
    }

    private static (List<Label>? Labels, string? Error) ReadLabels(JsonElement body)
    {
        if (!body.TryGetProperty("labels", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            return (null, "A non-empty list of labels ({\"content\": base64, \"content_type\": ...}) is required.");
        }
        var labels = new List<Label>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("content_type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return (null, $"Label {labels.Count} needs \"content\" (base64) and \"content_type\".");
            }
            if (type.GetString()!.Length > MaxLabelTextLength)
            {
                return (null, $"Label {labels.Count}: content_type is longer than {MaxLabelTextLength} characters.");
            }
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(content.GetString()!);
            }
            catch (FormatException)
            {
                return (null, $"Label {labels.Count}: content is not valid base64.");
            }
            string? name = null;
            if (item.TryGetProperty("name", out var n) && n.ValueKind != JsonValueKind.Null)
            {
                if (n.ValueKind != JsonValueKind.String)
                {
                    return (null, $"Label {labels.Count}: name must be a string.");
                }
                name = n.GetString();
                if (name!.Length > MaxLabelTextLength)
                {
                    return (null, $"Label {labels.Count}: name is longer than {MaxLabelTextLength} characters.");
                }
            }
            try
            {
                labels.Add(new Label(bytes, type.GetString()!, name));
            }
            catch (ArgumentException e)
            {
                return (null, $"Label {labels.Count}: {e.Message}");
            }
        }
        return (labels, null);
    }
}
