using TravelDesk.AgentHosting;
using TravelDesk.Currency;

// The currency agent on its own: dotnet run --project samples/TravelDesk/CurrencyAgent -- --urls http://127.0.0.1:5080
return await AgentServer.RunAsync(CurrencyAgent.Id, () => CurrencyAgentServer.Build(args));
