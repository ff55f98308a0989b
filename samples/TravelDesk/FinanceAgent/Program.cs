using TravelDesk.AgentHosting;
using TravelDesk.Finance;

// The finance agent on its own: dotnet run --project samples/TravelDesk/FinanceAgent -- --urls http://127.0.0.1:5081
return await AgentServer.RunAsync(FinanceAgent.Id, () => FinanceAgentServer.Build(args));
