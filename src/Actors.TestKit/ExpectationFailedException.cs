using Xunit.Sdk;

namespace MachineActors.Actors.TestKit;

/// <summary>A TestKit expectation was not met; xunit reports it as a test failure.</summary>
public sealed class ExpectationFailedException(string message) : XunitException(message);
