// Drives an A2A agent with the official @a2a-js/sdk client: fetch the card, send a message, stream a message, get
// the task, cancel a running task, and provoke errors. Prints one JSON report on stdout (ProtoJSON of every
// result, and the class, code and message of every error) for the C# interop test to check.
//
// Usage: node a2a-client-calls-agent.mjs <agent base URL ending in '/'>
import { ClientFactory } from '@a2a-js/sdk/client';
import { Role, Task, Message, StreamResponse } from '@a2a-js/sdk';
import { randomUUID } from 'node:crypto';

const baseUrl = process.argv[2];
if (!baseUrl) {
  process.stderr.write('usage: node a2a-client-calls-agent.mjs <agent base URL>\n');
  process.exit(2);
}

const text = (value, skill) => ({
  message: {
    messageId: randomUUID(),
    contextId: '',
    taskId: '',
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text', value }, metadata: undefined, filename: '', mediaType: '' }],
    metadata: skill ? { 'urn:a2agen:skill': skill } : undefined,
    extensions: [],
    referenceTaskIds: [],
  },
});

const failure = (error) => ({ name: error?.constructor?.name, message: error?.message, code: error?.envelopeCode ?? error?.code });

const report = {};
try {
  const client = await new ClientFactory().createFromUrl(baseUrl);
  report.card = { name: client.agentCard.name, interfaces: client.agentCard.supportedInterfaces, streaming: client.agentCard.capabilities?.streaming, skills: client.agentCard.skills.map((s) => s.id) };

  const sent = await client.sendMessage(text('hello from js'));
  report.send = 'status' in sent ? { kind: 'task', task: Task.toJSON(sent) } : { kind: 'message', message: Message.toJSON(sent) };

  report.stream = [];
  for await (const event of client.sendMessageStream(text('3', 'count'))) {
    // The SDK yields StreamResponse objects ({ payload: { $case, value } }).
    report.stream.push(StreamResponse.toJSON(event));
  }

  const taskId = report.send.task?.id;
  report.get = Task.toJSON(await client.getTask({ id: taskId, historyLength: 1, tenant: '' }));

  const running = await client.sendMessage({ ...text('x', 'slow'), configuration: { acceptedOutputModes: [], historyLength: undefined, returnImmediately: true } });
  report.cancel = Task.toJSON(await client.cancelTask({ id: running.id, tenant: '', metadata: undefined }));

  report.errors = {};
  try { await client.getTask({ id: 'no-such-task', tenant: '' }); } catch (e) { report.errors.taskNotFound = failure(e); }
  try { await client.sendMessage(text('x', 'teleport')); } catch (e) { report.errors.unknownSkill = failure(e); }
  try { await client.cancelTask({ id: taskId, tenant: '' }); } catch (e) { report.errors.notCancelable = failure(e); }
} catch (error) {
  report.fatal = { ...failure(error), stack: error?.stack };
}

process.stdout.write(JSON.stringify(report) + '\n');

