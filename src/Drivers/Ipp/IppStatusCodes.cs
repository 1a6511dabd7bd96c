using System.Globalization;
using System.Text;

namespace MachineActors.Drivers.Ipp;

/// <summary>Classifies status codes and turns them into their registry keywords.</summary>
public static class IppStatusCodes
{
    /// <summary>True for the successful-ok range (0x0000-0x00FF) and the informational range below 0x0400.</summary>
    public static bool IsSuccess(ushort code) => code < 0x0400;

    /// <summary>
    /// The registry keyword, e.g. <c>client-error-document-format-not-supported</c> for 0x040A.
    /// Unregistered codes are named by class and hex value, e.g. <c>client-error-0x04ff</c>.
    /// </summary>
    public static string GetName(ushort code)
    {
        var status = (IppStatusCode)code;
        if (Enum.IsDefined(status))
        {
            return ToKeyword(status.ToString());
        }

        var hex = code.ToString("x4", CultureInfo.InvariantCulture);
        return code switch
        {
            < 0x0100 => $"successful-ok-0x{hex}",
            < 0x0400 => $"informational-0x{hex}",
            < 0x0500 => $"client-error-0x{hex}",
            < 0x0600 => $"server-error-0x{hex}",
            _ => $"unknown-status-0x{hex}",
        };
    }

    private static string ToKeyword(string pascalCase)
    {
        var builder = new StringBuilder(pascalCase.Length + 8);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
