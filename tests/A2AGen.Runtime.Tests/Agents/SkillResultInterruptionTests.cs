using A2AGen.Protocol;

namespace A2AGen.Runtime.Tests.Agents;

/// <summary>A skill's interruption (<c>SkillResult.InputRequired</c>/<c>AuthRequired</c>) and the history a skill sees.</summary>
public sealed class SkillResultInterruptionTests
{
    [Fact]
    public void InputRequired_and_AuthRequired_carry_the_state_and_the_agents_message()
    {
        var input = SkillResult.InputRequired("Which date?");
        Assert.Equal(TaskState.InputRequired, input.Interruption);
        Assert.Equal(SkillOutputKind.None, input.Kind);
        Assert.Equal(Role.Agent, input.StatusMessage!.Role);
        Assert.Equal("Which date?", input.StatusMessage.Parts.Single().Text);

        var message = Message.AgentText("Sign in at https://id.example/");
        var auth = SkillResult.AuthRequired(message);
        Assert.Equal(TaskState.AuthRequired, auth.Interruption);
        Assert.Same(message, auth.StatusMessage);
        Assert.True(TaskState.AuthRequired.IsInterrupted());
        Assert.False(TaskState.Completed.IsInterrupted());
        Assert.Throws<ArgumentNullException>(() => SkillResult.InputRequired((Message)null!));
    }

    [Fact]
    public void An_answer_is_not_an_interruption_and_text_converts()
    {
        SkillResult answer = "booked";
        Assert.Null(answer.Interruption);
        Assert.Null(answer.StatusMessage);
        Assert.Equal((SkillOutputKind.Text, "booked"), (answer.Kind, answer.Text));
    }

    [Fact]
    public void A_new_tasks_history_is_its_one_message()
    {
        var message = Message.UserText("hi");
        var context = new SkillContext { AgentId = "a", SkillId = "s", Message = message, TaskId = "t", ContextId = "c" };
        Assert.Equal([message], context.History);

        var earlier = new[] { Message.UserText("first"), Message.AgentText("question"), message };
        Assert.Equal(earlier, new SkillContext { AgentId = "a", SkillId = "s", Message = message, History = earlier, TaskId = "t", ContextId = "c" }.History);
    }
}
