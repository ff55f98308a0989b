global using A2AGen.Hosting.Redis.Tests.Agents;
global using A2AGen.Hosting.Redis.Tests.Infrastructure;
global using A2AGen.Hosting.Tests.Infrastructure;
