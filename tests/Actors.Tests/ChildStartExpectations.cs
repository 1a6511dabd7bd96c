using Xunit;

namespace MachineActors.Actors.Tests;

/// <summary>
/// A supervisor's reply with its new child and the child's own "PreStart" reach the test in either order: the child
/// starts on a dispatcher thread of its own, which may run before the supervisor's reply is sent.
/// </summary>
internal static class ChildStartExpectations
{
    public static IActorRef ChildAndItsPreStart(IReadOnlyList<object> twoMessages)
    {
        Assert.Single(twoMessages, message => Equals(message, "PreStart"));
        return Assert.Single(twoMessages.OfType<IActorRef>());
    }
}
