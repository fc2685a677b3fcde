"""A minimal app under test for docker/compose.yaml (standard library only)."""
import hashlib
import hmac
import json
import os
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

SECRET = os.environ["WHATSAPP_APP_SECRET"].encode()
VERIFY = os.environ["WHATSAPP_VERIFY_TOKEN"]


class Webhook(BaseHTTPRequestHandler):
    def do_GET(self):  # Meta's verification handshake
        q = parse_qs(urlparse(self.path).query)
        ok = q.get("hub.mode") == ["subscribe"] and q.get("hub.verify_token") == [VERIFY]
        body = (q.get("hub.challenge", [""])[0] if ok else "forbidden").encode()
        self.send_response(200 if ok else 403)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # a signed delivery: verify over the raw bytes
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        want = "sha256=" + hmac.new(SECRET, raw, hashlib.sha256).hexdigest()
        good = hmac.compare_digest(want, self.headers.get("X-Hub-Signature-256", ""))
        print("webhook", "signed" if good else "BAD SIGNATURE", raw[:200].decode(errors="replace"), flush=True)
        self.send_response(200 if good else 401)
        self.end_headers()


def send_template():
    body = json.dumps({"messaging_product": "whatsapp", "to": "16505551234", "type": "template",
                       "template": {"name": "hello_world", "language": {"code": "en_US"}}}).encode()
    req = urllib.request.Request(
        f"{os.environ['GRAPH_API_BASE']}/{os.environ['WHATSAPP_PHONE_NUMBER_ID']}/messages", data=body,
        headers={"Authorization": f"Bearer {os.environ['WHATSAPP_TOKEN']}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        print("sent", resp.read().decode(), flush=True)


if __name__ == "__main__":
    threading.Thread(target=send_template, daemon=True).start()
    ThreadingHTTPServer(("0.0.0.0", 3000), Webhook).serve_forever()
