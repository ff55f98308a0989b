using Microsoft.Extensions.Hosting;
using ConformanceAgent;

// The A2A TCK's system under test: dotnet run --project samples/ConformanceAgent -- --urls http://127.0.0.1:9999
var app = ConformanceServer.Build(args);
return await app.RunA2AAsync();
