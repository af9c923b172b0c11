using Xunit.Abstractions;

namespace AttentionGen.Tests.Support;

/// <summary>
/// A conformance case's name as theory data: serializable, so xunit lists each case as its own test, and shown whole (xunit
/// shortens plain string arguments to 50 characters).
/// </summary>
public sealed class CaseId : IXunitSerializable
{
    public CaseId()
    {
        Name = string.Empty;
    }

    public CaseId(string name)
    {
        Name = name;
    }

    public string Name { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Name = info.GetValue<string>(nameof(Name));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Name), Name);

    public override string ToString() => Name;
}
