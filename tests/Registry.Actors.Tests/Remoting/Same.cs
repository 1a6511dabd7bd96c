using System.Collections;
using System.Reflection;
using System.Text.Json;
using Xunit.Sdk;

namespace MachineActors.Registry.Tests.Remoting;

/// <summary>
/// Structural equality for replies that crossed the wire, independent of the JSON they crossed as: the same runtime
/// types all the way down (a bool stays a bool, an int an int), sequences element by element whatever collection
/// holds them, dictionaries key by key, and every public property of everything else. Delegates (a setting's
/// validator) do not cross: the received one must be null.
/// </summary>
internal static class Same
{
    public static void Assert(object? expected, object? actual) => Compare(expected, actual, "reply");

    private static void Compare(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Check(expected is null && actual is null, path, expected, actual);
            return;
        }
        if (expected is Delegate)
        {
            throw new XunitException($"{path}: a delegate crossed the wire as {actual}.");
        }
        var type = expected.GetType();
        switch (expected)
        {
            case string or bool or int or long or double or float or decimal or Guid or DateTimeOffset or TimeSpan or Enum:
                Check(type == actual.GetType() && expected.Equals(actual), path, expected, actual);
                return;
            case ReadOnlyMemory<byte> bytes:
                Check(actual is ReadOnlyMemory<byte> otherBytes && bytes.Span.SequenceEqual(otherBytes.Span), path, expected, actual);
                return;
            case JsonElement element:
                Check(actual is JsonElement otherElement && JsonElement.DeepEquals(element, otherElement), path, expected, actual);
                return;
            case IDictionary dictionary:
                CompareDictionaries(dictionary, actual as IDictionary ?? throw Mismatch(path, expected, actual), path);
                return;
            case IEnumerable sequence:
                CompareSequences(sequence, actual as IEnumerable ?? throw Mismatch(path, expected, actual), path);
                return;
        }
        Check(type == actual.GetType(), path, type, actual.GetType());
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var expectedValue = property.GetValue(expected);
            var actualValue = property.GetValue(actual);
            if (typeof(Delegate).IsAssignableFrom(property.PropertyType))
            {
                Check(actualValue is null, $"{path}.{property.Name}", "null (code does not cross the wire)", actualValue);
                continue;
            }
            Compare(expectedValue, actualValue, $"{path}.{property.Name}");
        }
    }

    private static void CompareSequences(IEnumerable expected, IEnumerable actual, string path)
    {
        var left = expected.Cast<object?>().ToList();
        var right = actual.Cast<object?>().ToList();
        Check(left.Count == right.Count, path + ".Count", left.Count, right.Count);
        for (var i = 0; i < left.Count; i++)
        {
            Compare(left[i], right[i], $"{path}[{i}]");
        }
    }

    private static void CompareDictionaries(IDictionary expected, IDictionary actual, string path)
    {
        Check(expected.Count == actual.Count, path + ".Count", expected.Count, actual.Count);
        foreach (DictionaryEntry entry in expected)
        {
            Check(actual.Contains(entry.Key), $"{path}[{entry.Key}]", "present", "missing");
            Compare(entry.Value, actual[entry.Key], $"{path}[{entry.Key}]");
        }
    }

    private static void Check(bool condition, string path, object? expected, object? actual)
    {
        if (!condition)
        {
            throw Mismatch(path, expected, actual);
        }
    }

    private static XunitException Mismatch(string path, object? expected, object? actual) =>
        new($"{path}: expected {Describe(expected)} but got {Describe(actual)}.");

    private static string Describe(object? value) => value is null ? "null" : $"{value} ({value.GetType().Name})";
}
