using A2AGen.Declarations.Model;

namespace A2AGen.Generators.Emit;

/// <summary>Writes <c>CreateDescriptor()</c>: the agent's id, skills with their effective policy and binding shape.</summary>
internal static class DescriptorEmitter
{
    public static void Write(SourceWriter w, AgentSpec agent)
    {
        w.Line("public static global::A2AGen.AgentDescriptor CreateDescriptor() => new global::A2AGen.AgentDescriptor(");
        w.PushIndent();
        w.Line($"{CSharp.Literal(agent.Id)},");
        w.Open("new global::A2AGen.SkillDescriptor[]");
        foreach (var skill in agent.Skills)
        {
            WriteSkill(w, skill);
        }

        w.PopIndent();
        w.Line("})");
        w.PopIndent();
        w.Line("{");
        w.PushIndent();
        if (agent.DefaultSkillId is { } defaultSkill)
        {
            w.Line($"DefaultSkillId = {CSharp.Literal(defaultSkill)},");
        }

        if (agent.Passport is { } passport)
        {
            var keys = new string[passport.Keys.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = passport.Keys[i].Key;
            }

            if (keys.Length > 0)
            {
                w.Line($"PassportKeys = {CSharp.Strings(keys)},");
            }

            w.Line($"PassportExtensionRequired = {CSharp.Bool(passport.ExtensionRequired)},");
        }

        w.Line($"RequestSignature = {Signature(agent.RequestSignature)},");
        w.Line($"DeclaresUrl = {CSharp.Bool(agent.UrlDeclared)},");
        w.Close(";");
    }

    private static void WriteSkill(SourceWriter w, SkillSpec skill)
    {
        var input = "None";
        string? inputType = null;
        bool bindsPassport = false, bindsContext = false, bindsCancellation = false;
        foreach (var parameter in skill.Parameters)
        {
            switch (parameter.Binding)
            {
                case ParameterBinding.Text:
                    (input, inputType) = ("Text", parameter.DisplayTypeName);
                    break;
                case ParameterBinding.Data:
                    (input, inputType) = ("Data", parameter.DisplayTypeName);
                    break;
                case ParameterBinding.Message:
                    (input, inputType) = ("Message", parameter.DisplayTypeName);
                    break;
                case ParameterBinding.OptionalPassport:
                case ParameterBinding.RequiredPassport:
                    bindsPassport = true;
                    break;
                case ParameterBinding.Context:
                    bindsContext = true;
                    break;
                case ParameterBinding.CancellationToken:
                    bindsCancellation = true;
                    break;
            }
        }

        var output = skill.Return.Shape switch
        {
            ReturnShape.Text => "Text",
            ReturnShape.Data => "Data",
            ReturnShape.Message => "Message",
            ReturnShape.TextStream or ReturnShape.DataStream => "Stream",
            ReturnShape.Result => "Result",
            _ => "None",
        };

        w.Open($"new global::A2AGen.SkillDescriptor({CSharp.Literal(skill.Id)}, {CSharp.Literal(skill.MethodName)})");
        w.Line($"Privilege = global::A2AGen.SkillPrivilege.{(skill.Privilege == SkillPrivilegeLevel.High ? "High" : "Standard")},");
        w.Line($"RequestSignature = {Signature(skill.RequestSignature)},");
        w.Line($"PassportSignature = {Signature(skill.PassportSignature)},");
        w.Line($"RequiresPassport = {CSharp.Bool(skill.RequiresPassport)},");
        if (skill.RequiredPassportKeys.Count > 0)
        {
            w.Line($"RequiredPassportKeys = {CSharp.Strings(skill.RequiredPassportKeys)},");
        }

        if (skill.RequiredScopes.Count > 0)
        {
            w.Line($"RequiredScopes = {CSharp.Strings(skill.RequiredScopes)},");
        }

        if (skill.BiscuitPolicy is { } biscuitPolicy)
        {
            w.Line($"BiscuitPolicy = {CSharp.Literal(biscuitPolicy)},");
        }

        w.Line($"Input = global::A2AGen.SkillInputKind.{input},");
        if (inputType is not null)
        {
            w.Line($"InputTypeName = {CSharp.Literal(inputType)},");
        }

        w.Line($"Output = global::A2AGen.SkillOutputKind.{output},");
        if (skill.Return.Shape != ReturnShape.None)
        {
            w.Line($"OutputTypeName = {CSharp.Literal(skill.Return.DisplayTypeName)},");
        }

        w.Line($"BindsPassport = {CSharp.Bool(bindsPassport)},");
        w.Line($"BindsContext = {CSharp.Bool(bindsContext)},");
        w.Line($"BindsCancellation = {CSharp.Bool(bindsCancellation)},");
        w.Line($"IsDefault = {CSharp.Bool(skill.IsDefault)},");
        if (skill.SignsProvenance)
        {
            w.Line("SignsProvenance = true,");
        }

        if (skill.RequiresEncryption)
        {
            w.Line("Encryption = global::A2AGen.EncryptionRequirement.Required,");
        }
        w.Close(",");
    }

    private static string Signature(SignaturePolicy policy) =>
        policy == SignaturePolicy.Required ? "global::A2AGen.SignatureRequirement.Required" : "global::A2AGen.SignatureRequirement.Optional";
}
