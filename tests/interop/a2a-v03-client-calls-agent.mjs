// Drives an A2A agent with the official @a2a-js/sdk v0.3 compatibility client (legacyCompat: { enabled: true }):
// the card is fetched in its 0.3 shape (A2A-Version: 0.3), the resolver recognises it as a 0.3 card and the JSON-RPC
// factory picks its LegacyJsonRpcTransport; then send, stream, get, cancel, resubscribe (while the task runs) and
// errors. A fetch wrapper records what went over the wire (methods, A2A-Version) and the raw 0.3 answers. Prints one
// JSON report on stdout (ProtoJSON of every result after the SDK's own 0.3 → 1.0 translation) for the C# test.
//
// Usage: node a2a-v03-client-calls-agent.mjs <agent base URL ending in '/'>
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver, JsonRpcTransportFactory } from '@a2a-js/sdk/client';
import { Role, Task, Message, StreamResponse } from '@a2a-js/sdk';
import { randomUUID } from 'node:crypto';

const baseUrl = process.argv[2];
if (!baseUrl) {
  process.stderr.write('usage: node a2a-v03-client-calls-agent.mjs <agent base URL>\n');
  process.exit(2);
}

const text = (value, skill, configuration) => ({
  tenant: '',
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
  configuration,
});
const background = { acceptedOutputModes: [], historyLength: undefined, returnImmediately: true };
const failure = (error) => ({ name: error?.constructor?.name, message: error?.message, code: error?.envelopeCode });

// Records every JSON-RPC call: its method, the A2A-Version it carried, and the raw (0.3) answer body.
const wire = [];
const recordingFetch = async (url, init) => {
  const headers = new Headers(init?.headers);
  const entry = { method: JSON.parse(init.body).method, version: headers.get('A2A-Version') };
  wire.push(entry);
  const response = await fetch(url, init);
  if (!(response.headers.get('Content-Type') ?? '').startsWith('text/event-stream')) {
    entry.answer = await response.clone().json();
  }
  return response;
};

const report = { wire };
try {
  const cardResponse = await fetch(new URL('.well-known/agent-card.json', baseUrl), { headers: { 'A2A-Version': '0.3' } });
  const rawCard = await cardResponse.json();
  report.rawCard = rawCard;
  report.cardVary = cardResponse.headers.get('Vary');

  const resolver = new DefaultAgentCardResolver({ legacyCompat: { enabled: true } });
  const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [new JsonRpcTransportFactory({ legacyCompat: { enabled: true }, fetchImpl: recordingFetch })],
    cardResolver: resolver,
  }));
  const client = await factory.createFromAgentCard(rawCard);
  report.transport = { name: client.transport?.protocolName, version: client.protocolVersion ?? client.transport?.protocolVersion };
  report.card = { interfaces: client.agentCard.supportedInterfaces };

  const sent = await client.sendMessage(text('hello over 0.3'));
  report.send = 'status' in sent ? { kind: 'task', task: Task.toJSON(sent) } : { kind: 'message', message: Message.toJSON(sent) };

  report.stream = [];
  for await (const event of client.sendMessageStream(text('3', 'count'))) {
    report.stream.push(StreamResponse.toJSON(event));
  }

  const taskId = report.send.task?.id;
  report.get = Task.toJSON(await client.getTask({ id: taskId, historyLength: 1, tenant: '' }));

  const running = await client.sendMessage(text('x', 'slow', background));
  report.cancel = Task.toJSON(await client.cancelTask({ id: running.id, tenant: '', metadata: undefined }));

  // Resubscribe to a running task; cancel it once the stream has shown the task: the stream ends with canceled.
  const watched = await client.sendMessage(text('x', 'slow', background));
  report.resubscribe = [];
  for await (const event of client.resubscribeTask({ id: watched.id, tenant: '' })) {
    report.resubscribe.push(StreamResponse.toJSON(event));
    if (report.resubscribe.length === 1) {
      await client.cancelTask({ id: watched.id, tenant: '', metadata: undefined });
    }
  }

  report.errors = {};
  try { await client.getTask({ id: 'no-such-task', tenant: '' }); } catch (e) { report.errors.taskNotFound = failure(e); }
  try { await client.sendMessage(text('x', 'teleport')); } catch (e) { report.errors.unknownSkill = failure(e); }
  try { await client.cancelTask({ id: taskId, tenant: '' }); } catch (e) { report.errors.notCancelable = failure(e); }
} catch (error) {
  report.fatal = { ...failure(error), stack: error?.stack };
}

process.stdout.write(JSON.stringify(report) + '\n');
