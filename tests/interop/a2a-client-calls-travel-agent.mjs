// Calls a TravelDesk agent running on its own (samples/TravelDesk) with the official @a2a-js/sdk client: discovers its
// card, sends one text message and prints one JSON report on stdout for the C# test to check.
//
// Usage: node a2a-client-calls-travel-agent.mjs <agent base URL ending in '/'> <message text>
import { ClientFactory } from '@a2a-js/sdk/client';
import { Role, Task, Message } from '@a2a-js/sdk';
import { randomUUID } from 'node:crypto';

// stdout carries the JSON answer only; the SDK's own diagnostics go to stderr.
console.log = console.info = console.warn = console.debug = (...args) => console.error(...args);

const [baseUrl, text] = process.argv.slice(2);
if (!baseUrl || !text) {
  process.stderr.write('usage: node a2a-client-calls-travel-agent.mjs <agent base URL> <message text>\n');
  process.exit(2);
}

const report = {};
try {
  const client = await new ClientFactory().createFromUrl(baseUrl);
  report.card = { name: client.agentCard.name, skills: client.agentCard.skills.map((s) => s.id), signatures: client.agentCard.signatures?.length ?? 0 };
  const sent = await client.sendMessage({
    message: {
      messageId: randomUUID(),
      contextId: '',
      taskId: '',
      role: Role.ROLE_USER,
      parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: '' }],
      metadata: undefined,
      extensions: [],
      referenceTaskIds: [],
    },
  });
  report.send = 'status' in sent ? { kind: 'task', task: Task.toJSON(sent) } : { kind: 'message', message: Message.toJSON(sent) };
} catch (error) {
  report.fatal = { name: error?.constructor?.name, message: error?.message, code: error?.code };
}

process.stdout.write(JSON.stringify(report) + '\n');
