namespace DingGate.Cli.Doctor;

/// <summary>How a doctor check went.</summary>
internal enum DoctorStatus
{
    Pass,
    Warn,
    Fail,
    Skip,
}
