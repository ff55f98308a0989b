// The a2agen tool's commands are added by the CLI work (issue 7); until then it states that plainly.
Console.Error.WriteLine("a2agen: no commands are available in this build yet.");
return 2;
