namespace DingGate.Agent.Providers;

/// <summary>A model or agent cannot be used as configured (unknown provider, missing model id, unknown model name).</summary>
public sealed class ModelConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message naming the config path and what is wrong.</summary>
    public ModelConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ModelConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
