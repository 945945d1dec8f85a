"""A local HTTP server that speaks the OpenAI Chat Completions API, for CI (no network, no key).

Like test/helpers/fake-openai.ts: a request without a tool result asks for `read_file`, one with a
tool result answers. It records the usage it reported: the ground truth the graph must reproduce.
"""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    def __init__(self):
        self.calls = []  # {"model", "prompt_tokens", "completion_tokens"} per answered request
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                if not self.path.endswith("/chat/completions"):
                    self.send_error(404)
                    return
                answer = fake._answer(body)
                text = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def _answer(self, body):
        with self._lock:
            n = len(self.calls)
            usage = {"prompt_tokens": 120 + 10 * n, "completion_tokens": 15 + n}
            self.calls.append({"model": body["model"], **usage})
        has_tool_result = any(m.get("role") == "tool" for m in body.get("messages", []))
        if has_tool_result:
            message = {"role": "assistant", "content": f"Done ({n})."}
        else:
            arguments = json.dumps({"path": "README.md"})
            message = {"role": "assistant", "content": None,
                       "tool_calls": [{"id": f"call_{n}", "type": "function", "function": {"name": "read_file", "arguments": arguments}}]}
        return {
            "id": f"chatcmpl-{n}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "choices": [{"index": 0, "message": message, "finish_reason": "stop" if has_tool_result else "tool_calls"}],
            "usage": {**usage, "total_tokens": usage["prompt_tokens"] + usage["completion_tokens"]},
        }

    def close(self):
        self._server.shutdown()
        self._server.server_close()
