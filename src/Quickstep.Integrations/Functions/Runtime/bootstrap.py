# Quickstep's Python bootstrap: loads an unchanged Lambda handler (module.function) and serves it over the
# AWS Lambda Runtime API at AWS_LAMBDA_RUNTIME_API, as Lambda's Python runtime does.
import importlib
import json
import os
import socket
import sys
import time
import traceback

END_MARKER = "\x1eQUICKSTEP-END "
API = os.environ["AWS_LAMBDA_RUNTIME_API"]
host, _, port = API.rpartition(":")
host = host.strip("[]")


class RuntimeApi:
    """A minimal HTTP/1.1 client on one kept-alive socket: http.client costs tens of µs per exchange, and every invocation is two."""

    def __init__(self):
        self.sock = None
        self.buffer = bytearray()

    def connect(self):
        self.sock = socket.create_connection((host, int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = bytearray()

    def close(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = None

    def fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("Runtime API connection closed")
        self.buffer += chunk

    def request(self, method, path, body=None, headers=None):
        if self.sock is None:
            self.connect()
        head = f"{method} {path} HTTP/1.1\r\nHost: {API}\r\n"
        for name, value in (headers or {}).items():
            head += f"{name}: {str(value).replace(chr(13), ' ').replace(chr(10), ' ')}\r\n"
        if body is not None:
            head += f"Content-Length: {len(body)}\r\n"
        self.sock.sendall(head.encode("latin-1") + b"\r\n" + (body or b""))
        while b"\r\n\r\n" not in self.buffer:
            self.fill()
        head_bytes, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        lines = head_bytes.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        response_headers = []
        for line in lines[1:]:
            name, _, value = line.partition(":")
            response_headers.append((name.strip(), value.strip()))
        h = {k.lower(): v for k, v in response_headers}
        if "chunked" in h.get("transfer-encoding", "").lower():
            data = bytearray()
            while True:
                while b"\r\n" not in self.buffer:
                    self.fill()
                size_line, _, self.buffer = self.buffer.partition(b"\r\n")
                size = int(size_line.split(b";")[0], 16)
                if size == 0:
                    while True:  # trailer lines, up to an empty one
                        while b"\r\n" not in self.buffer:
                            self.fill()
                        trailer, _, self.buffer = self.buffer.partition(b"\r\n")
                        if not trailer:
                            break
                    break
                while len(self.buffer) < size + 2:
                    self.fill()
                data += self.buffer[:size]
                self.buffer = self.buffer[size + 2:]
        else:
            length = int(h.get("content-length", "0"))
            while len(self.buffer) < length:
                self.fill()
            data, self.buffer = self.buffer[:length], self.buffer[length:]
        if h.get("connection", "").lower() == "close":
            self.close()
        return status, response_headers, data


runtime_api = RuntimeApi()


def call(method, path, body=None, headers=None):
    for attempt in (0, 1):
        try:
            return runtime_api.request(method, path, body, headers)
        except (ConnectionError, OSError):
            runtime_api.close()
            if attempt:
                raise


def error_object(exc, error_type=None):
    frames = traceback.extract_tb(exc.__traceback__)
    return {
        "errorMessage": str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": "",
        "stackTrace": traceback.format_list(frames),
    }


def post_error(path, error, request_id=""):
    error["requestId"] = request_id
    body = json.dumps(error).encode("utf-8")
    call("POST", path, body, {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": error["errorType"]})


class Context:
    def __init__(self, request_id, deadline_ms, invoked_arn, client_context, identity):
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.client_context = client_context
        self.identity = identity
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def load_handler():
    spec = os.environ.get("_HANDLER", "")
    module_name, _, function_name = spec.rpartition(".")
    if not module_name:
        raise_init("Runtime.MalformedHandlerName", f"Bad handler '{spec}': not enough values to unpack (expected 2, got 1)")
    root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    sys.path.insert(0, root)
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise_init("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {e}")
    except SyntaxError as e:
        raise_init("Runtime.UserCodeSyntaxError", f"Syntax error in module '{module_name}': {e}")
    except Exception as e:  # an error while the module ran its top level
        post_error("/2018-06-01/runtime/init/error", error_object(e))
        sys.exit(1)
    handler = getattr(module, function_name, None)
    if handler is None:
        raise_init("Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'")
    return handler


def raise_init(error_type, message):
    post_error("/2018-06-01/runtime/init/error", {"errorMessage": message, "errorType": error_type, "requestId": "", "stackTrace": []})
    sys.exit(1)


def main():
    handler = load_handler()
    while True:
        _, headers, body = call("GET", "/2018-06-01/runtime/invocation/next")
        h = {k.lower(): v for k, v in headers}
        request_id = h.get("lambda-runtime-aws-request-id", "")
        if "lambda-runtime-trace-id" in h:
            os.environ["_X_AMZN_TRACE_ID"] = h["lambda-runtime-trace-id"]
        client_context = json.loads(h["lambda-runtime-client-context"]) if h.get("lambda-runtime-client-context") else None
        identity = json.loads(h["lambda-runtime-cognito-identity"]) if h.get("lambda-runtime-cognito-identity") else None
        context = Context(request_id, int(h.get("lambda-runtime-deadline-ms", "0")), h.get("lambda-runtime-invoked-function-arn"), client_context, identity)
        try:
            event = json.loads(body) if body else None
        except ValueError as e:
            sys.stdout.write(END_MARKER + request_id + "\n")
            sys.stdout.flush()
            post_error(f"/2018-06-01/runtime/invocation/{request_id}/error", error_object(e, "Runtime.UnmarshalError"), request_id)
            continue
        try:
            result = handler(event, context)
            try:
                payload = json.dumps(result).encode("utf-8")
            except (TypeError, ValueError) as e:
                error = {"errorMessage": f"Unable to marshal response: {e}", "errorType": "Runtime.MarshalError", "requestId": request_id, "stackTrace": []}
                sys.stdout.write(END_MARKER + request_id + "\n")
                sys.stdout.flush()
                post_error(f"/2018-06-01/runtime/invocation/{request_id}/error", error, request_id)
                continue
            sys.stdout.write(END_MARKER + request_id + "\n")
            sys.stdout.flush()
            call("POST", f"/2018-06-01/runtime/invocation/{request_id}/response", payload, {"Content-Type": "application/json"})
        except Exception as e:  # the handler's error is the invocation's error, as Lambda reports it
            error = error_object(e)
            print("[ERROR] " + json.dumps({"errorMessage": error["errorMessage"], "errorType": error["errorType"]}), flush=True)
            sys.stdout.write(END_MARKER + request_id + "\n")
            sys.stdout.flush()
            post_error(f"/2018-06-01/runtime/invocation/{request_id}/error", error, request_id)


if __name__ == "__main__":
    main()
