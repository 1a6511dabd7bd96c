using System.Net;

namespace MachineActors.Drivers.Ipp;

/// <summary>
/// The printer could not be reached or did not answer over HTTP as an IPP printer should
/// (connection refused, DNS failure, reset, non-2xx HTTP status).
/// </summary>
public sealed class IppConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IppConnectionException(string message, Exception? innerException = null, HttpStatusCode? httpStatus = null)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
    }

    /// <summary>The HTTP status when the server answered with a non-success status, otherwise null.</summary>
    public HttpStatusCode? HttpStatus { get; }
}
