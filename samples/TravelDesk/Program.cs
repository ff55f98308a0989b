using TravelDesk.AgentHosting;
using TravelDesk.Orchestrator;

// The TravelDesk demo: dotnet run --project samples/TravelDesk  (options: --help)
return await Demo.RunAsync(args, Console.Out, Console.Error);
