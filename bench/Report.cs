using System.Globalization;

namespace MachineActors.Bench;

internal static class Report
{
    public static string Number(double value) => value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);

    public static void Result(string suite, params (string Key, object Value)[] values) =>
        Console.WriteLine($"RESULT {suite} " + string.Join(' ', values.Select(v => $"{v.Key}={Format(v.Value)}")));

    private static string Format(object value) => value switch
    {
        double d => Number(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
