global using System.Text.Json;
global using A2AGen.Hosting.Tests.Infrastructure;
global using A2AGen.Passport;
global using A2AGen.Passport.Tests.Agents;
global using A2AGen.Passport.Tests.Infrastructure;
global using A2AGen.Protocol;
global using A2AGen.Security;
