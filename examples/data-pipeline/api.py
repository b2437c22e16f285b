# The example's HTTP API: POST /score with {"batchId", "orders"} answers {"risk": "low"|"high", "orders": N}.
# It requires the API key the EventBridge connection sends. usage: python3 api.py PORT
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Api(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        if self.headers.get("x-api-key") != "example-key":
            self.answer(401, {"message": "missing or wrong x-api-key"})
        elif self.path != "/score":
            self.answer(404, {"message": "no route " + self.path})
        else:
            orders = body.get("orders", [])
            self.answer(200, {"risk": "high" if any(o["amount"] > 1000 for o in orders) else "low", "orders": len(orders)})

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1])), Api).serve_forever()
