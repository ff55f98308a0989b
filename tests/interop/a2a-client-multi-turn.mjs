// A multi-turn exchange driven by the official @a2a-js/sdk client over one transport (JSONRPC, HTTP+JSON or GRPC): a task
// that stops in INPUT_REQUIRED is continued by a message carrying its taskId (blocking and streamed), an AUTH_REQUIRED
// task is continued once approved, and a finished task or a mismatched contextId is refused. Prints one JSON report
// on stdout (ProtoJSON of every result, the class and message of every error) for the C# interop test to check.
// Over GRPC the SDK's gRPC transport (@a2a-js/sdk/client/grpc, @grpc/grpc-js) is given the card's gRPC URL as the
// host:port target grpc-js takes (see a2a-grpc-client-calls-agent.mjs).
//
// Usage: node a2a-client-multi-turn.mjs <agent base URL ending in '/'> <JSONRPC|HTTP+JSON|GRPC>
import { ClientFactory, ClientFactoryOptions } from '@a2a-js/sdk/client';
import { GrpcTransportFactory } from '@a2a-js/sdk/client/grpc';
import { Role, Task, StreamResponse } from '@a2a-js/sdk';
import { randomUUID } from 'node:crypto';

const [baseUrl, transport] = process.argv.slice(2);
if (!baseUrl || !transport) {
  process.stderr.write('usage: node a2a-client-multi-turn.mjs <agent base URL> <JSONRPC|HTTP+JSON|GRPC>\n');
  process.exit(2);
}

const text = (value, { skill, taskId = '', contextId = '' } = {}) => ({
  tenant: '',
  message: {
    messageId: randomUUID(),
    contextId,
    taskId,
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text', value }, metadata: undefined, filename: '', mediaType: '' }],
    metadata: skill ? { 'urn:a2agen:skill': skill } : undefined,
    extensions: [],
    referenceTaskIds: [],
  },
});

const failure = (error) => ({ name: error?.constructor?.name, message: error?.message, code: error?.envelopeCode ?? error?.code, status: error?.statusCode ?? error?.status });
const stream = async (client, request) => {
  const events = [];
  for await (const event of client.sendMessageStream(request)) {
    events.push(StreamResponse.toJSON(event));
  }
  return events;
};

const report = { transport };
try {
  const grpc = new GrpcTransportFactory();
  const options = transport === 'GRPC'
    ? { transports: [{ protocolName: grpc.protocolName, create: (url, card) => grpc.create(new URL(url).host, card) }], preferredTransports: [transport] }
    : { preferredTransports: [transport] };
  const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, options));
  const client = await factory.createFromUrl(baseUrl);

  // Blocking: the send returns when the task stops for input; the follow-up continues the same task.
  const asked = await client.sendMessage(text('Lisbon'));
  report.asked = Task.toJSON(asked);
  const done = await client.sendMessage(text('12 May', { taskId: asked.id, contextId: asked.contextId }));
  report.done = Task.toJSON(done);
  report.got = Task.toJSON(await client.getTask({ id: asked.id, historyLength: 2, tenant: '' }));

  // Streamed: the first stream ends with INPUT_REQUIRED, the follow-up streams to COMPLETED.
  report.firstStream = await stream(client, text('Porto'));
  const streamedId = report.firstStream[0]?.task?.id;
  report.secondStream = await stream(client, text('June', { taskId: streamedId }));

  // AUTH_REQUIRED, then approved.
  const auth = await client.sendMessage(text('100 EUR', { skill: 'pay' }));
  report.auth = Task.toJSON(auth);
  report.paid = Task.toJSON(await client.sendMessage(text('approved', { taskId: auth.id, contextId: auth.contextId })));

  report.errors = {};
  try { await client.sendMessage(text('again', { taskId: asked.id })); } catch (e) { report.errors.finished = failure(e); }
  const open = await client.sendMessage(text('Faro'));
  try { await client.sendMessage(text('x', { taskId: open.id, contextId: 'another-context' })); } catch (e) { report.errors.mismatch = failure(e); }
  try { await client.sendMessage(text('x', { taskId: 'no-such-task' })); } catch (e) { report.errors.unknown = failure(e); }
} catch (error) {
  report.fatal = { ...failure(error), stack: error?.stack };
}

process.stdout.write(JSON.stringify(report) + '\n');
