namespace DingGate.Cli.Doctor;

/// <summary>One finding of <c>dinggate doctor</c>: what was checked, how it went, and how to fix it when it failed.</summary>
internal sealed record DoctorCheck(string Name, DoctorStatus Status, string Detail, string? Fix = null)
{
    public static DoctorCheck Pass(string name, string detail) => new(name, DoctorStatus.Pass, detail);

    public static DoctorCheck Warn(string name, string detail, string fix) => new(name, DoctorStatus.Warn, detail, fix);

    public static DoctorCheck Fail(string name, string detail, string fix) => new(name, DoctorStatus.Fail, detail, fix);

    public static DoctorCheck Skip(string name, string detail) => new(name, DoctorStatus.Skip, detail);
}
