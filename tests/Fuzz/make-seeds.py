#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into tests/Fuzz/corpus/<target>/ (run from anywhere; the output is committed).

Seeds are small valid and near-valid inputs: AFL++ mutates from them. The JWK and JWS seeds include cases taken from
the Wycheproof files in tests/TestData/wycheproof (Apache-2.0), the JCS seeds are tests/TestData/jcs/input (Apache-2.0).
"""
import base64, json, os, pathlib, shutil

root = pathlib.Path(__file__).resolve().parent
data = root.parent / "TestData"
corpus = root / "corpus"

def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def write(target, name, content):
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())

for target in ["jsonrpc", "jws", "jwk", "passport", "jcs", "sse"]:
    shutil.rmtree(corpus / target, ignore_errors=True)

passport = {"clientId": "a2a://travel-orchestrator", "sessionId": "s-1", "state": {"user_preferred_currency": "EUR", "loyalty_tier": "Gold", "limit": 1e17, "tags": ["a", "b"], "nested": {"x": [1, 2.5, -0.0, True, None]}}}
signed = dict(passport, signature="eyJhbGciOiJFZERTQSIsImtpZCI6ImVkIiwidHlwIjoiYTJhLXBhc3Nwb3J0K2p3cyIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwNjAwfQ..AAAA")
message = {"messageId": "m-1", "role": "ROLE_USER", "parts": [{"text": "convert 250 USD"}, {"data": {"amount": 250, "currency": "USD"}, "mediaType": "application/json"}],
           "metadata": {"urn:a2agen:skill": "convert", "https://github.com/a2aproject/a2a-samples/tree/main/extensions/secure-passport/v1": signed}}

# jsonrpc: request bodies
rpc = lambda method, params, id=1: json.dumps({"jsonrpc": "2.0", "id": id, "method": method, "params": params}, separators=(",", ":"))
write("jsonrpc", "send-message", rpc("SendMessage", {"message": message, "configuration": {"acceptedOutputModes": ["text/plain"], "historyLength": 2, "returnImmediately": False}}))
write("jsonrpc", "send-streaming", rpc("SendStreamingMessage", {"message": {"messageId": "m", "role": "ROLE_USER", "parts": [{"url": "https://example.org/a.pdf", "mediaType": "application/pdf", "filename": "a.pdf"}, {"raw": "AAEC"}], "contextId": "c-1", "taskId": "t-1"}}, "req-7"))
write("jsonrpc", "get-task", rpc("GetTask", {"id": "0b4c1c6e-1f2d-4a8b-9c3e-5d6f7a8b9c0d", "historyLength": 3}))
write("jsonrpc", "list-tasks", rpc("ListTasks", {"contextId": "c-1", "status": "TASK_STATE_WORKING", "pageSize": 10, "pageToken": "abc", "historyLength": 1, "includeArtifacts": True}))
write("jsonrpc", "cancel-task", rpc("CancelTask", {"id": "t-1", "metadata": {"k": "v"}}, 1.5))
write("jsonrpc", "subscribe", rpc("SubscribeToTask", {"id": "t-1"}, None))
write("jsonrpc", "batch", "[" + rpc("GetTask", {"id": "t"}) + "]")
write("jsonrpc", "escapes", '{"jsonrpc":"2.0","id":"\\u0041\\ud83d\\ude00","method":"GetTask","params":{"id":"\\u00e9t\\u00e9"}}')
write("jsonrpc", "wrong-types", '{"jsonrpc":"2.0","id":[1],"method":7,"params":{"message":{"parts":[1,{"text":null}],"role":3}}}')

# jws: mode byte, then the input
header = {"alg": "EdDSA", "kid": "ed", "typ": "JWT"}
claims = {"iss": "fuzz-client", "aud": ["http://127.0.0.1/a2a"], "iat": 1700000000, "exp": 1700000300, "jti": "j-1", "htm": "POST", "htu": "http://127.0.0.1/a2a", "bh": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"}
hj, cj = json.dumps(header, separators=(",", ":")).encode(), json.dumps(claims, separators=(",", ":")).encode()
write("jws", "token-ed", b"\x00" + f"{b64(hj)}.{b64(cj)}.{b64(bytes(64))}".encode())
write("jws", "token-detached", b"\x00" + f"{b64(hj)}..{b64(bytes(64))}".encode())
wycheproof = json.loads((data / "wycheproof" / "json_web_signature_test.json").read_text())
es256 = [t for g in wycheproof["testGroups"] for t in g["tests"] if t["jws"].startswith("eyJhbGciOiJFUzI1")][:6]
for t in es256:
    write("jws", f"wycheproof-{t['tcId']}", b"\x00" + t["jws"].encode())
write("jws", "signed-ed", b"\x01" + hj + b"\x00" + cj)
write("jws", "signed-ec", b"\x02" + json.dumps({"alg": "ES256", "kid": "ec", "crit": ["exp"], "exp": 1}).encode() + b"\x00" + json.dumps({"iss": "fuzz-client", "aud": "http://127.0.0.1/a2a", "nbf": 1.5, "exp": 2e9}).encode())
write("jws", "raw-header", b"\x03" + json.dumps({"alg": "EdDSA", "kid": "k", "jku": "https://x", "b64": False, "crit": ["b64"], "x5c": ["AA"]}).encode())
write("jws", "raw-claims", b"\x03" + cj)

# jwk: parser byte (0 JWK, 1 JWK Set, 2 private JWK), then the JSON
ed = {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "kid": "ed", "alg": "EdDSA", "use": "sig", "key_ops": ["verify"]}
ec = {"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tAhNhFlA1kvhpfRPSnBXW7QaGaUw", "kid": "ec"}
write("jwk", "ed25519", b"\x00" + json.dumps(ed).encode())
write("jwk", "p256", b"\x00" + json.dumps(ec).encode())
write("jwk", "set", b"\x01" + json.dumps({"keys": [ed, ec]}).encode())
write("jwk", "private-ed25519", b"\x02" + json.dumps(dict(ed, d="nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")).encode())
write("jwk", "private-p256", b"\x02" + json.dumps(dict(ec, d="jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI")).encode())
keysets = json.loads((data / "wycheproof" / "json_web_key_test.json").read_text())
for i, group in enumerate(keysets["testGroups"][:4]):
    if "public" in group:
        write("jwk", f"wycheproof-set-{i}", b"\x01" + json.dumps(group["public"]).encode())

# passport: CallerContext JSON
write("passport", "unsigned", json.dumps(passport))
write("passport", "signed", json.dumps(signed))
write("passport", "numbers", '{"clientId":"fuzz-client","state":{"a":100000000000000008,"b":1e-7,"c":-0,"d":1E+21,"e":0.1,"f":123456789012345678901234567890}}')
write("passport", "escapes", '{"clientId":"a2a://x","state":{"\\u00e9":"\\ud83d\\ude00","t":"\\t\\u001f\\\\","":{}}}')
write("passport", "wrong", '{"client_id":"x","state":[],"signature":null,"extra":1}')

# jcs: the RFC 8785 reference inputs and some edge cases
for f in sorted((data / "jcs" / "input").iterdir()):
    write("jcs", f.stem, f.read_bytes())
write("jcs", "numbers", b"[0,-0,1e21,1e-7,5e-324,1.7976931348623157e308,9007199254740993,0.1,1E2,-1.5e-10]")
write("jcs", "order", '{"\\ud83d\\ude00":1,"\\u20ac":2,"\\r":3,"1":4,"\\u0080":5,"a":{"b":[],"a":{}}}')

# sse: chunking/limit byte, then the stream
event = lambda obj: "data: " + json.dumps(obj, separators=(",", ":")) + "\n\n"
task = {"id": "t-1", "contextId": "c-1", "status": {"state": "TASK_STATE_WORKING"}}
write("sse", "task-stream", b"\x47" + ("event: message\n" + event({"jsonrpc": "2.0", "id": 1, "result": {"task": task}})
      + ": keep-alive\n\n" + event({"jsonrpc": "2.0", "id": 1, "result": {"statusUpdate": {"taskId": "t-1", "contextId": "c-1", "status": {"state": "TASK_STATE_COMPLETED"}}}})).encode())
write("sse", "crlf-multiline", b"\x03" + b"data: {\"jsonrpc\":\"2.0\",\r\ndata: \"id\":1,\"result\":{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_AGENT\",\"parts\":[{\"text\":\"hi\"}]}}}\r\n\r\n")
write("sse", "cr-only", b"\x01" + b"event:x\rdata:{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32001,\"message\":\"Task not found\",\"data\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"TASK_NOT_FOUND\",\"domain\":\"a2a-protocol.org\",\"metadata\":{\"taskId\":\"t\"}}]}}\r\r")
write("sse", "too-large", b"\x00" + b"data: " + b"x" * 200 + b"\n\n")
write("sse", "artifact", b"\x88" + event({"jsonrpc": "2.0", "id": 1, "result": {"artifactUpdate": {"taskId": "t", "contextId": "c", "artifact": {"artifactId": "a", "parts": [{"data": {"k": [1, 2]}}]}, "append": True, "lastChunk": False}}}).encode())

print("seeds:", {t.name: len(list(t.iterdir())) for t in sorted(corpus.iterdir()) if t.is_dir()})
