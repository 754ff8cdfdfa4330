"""A minimal FastCGI client (the records of the FastCGI 1.0 specification), to talk to Albumen's
socket directly where nginx would shield it: a client that goes away in the middle of a body."""
import socket
import struct

BEGIN_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT = 1, 3, 4, 5, 6
RESPONDER = 1


def record(kind, content, request_id=1):
    padding = (8 - len(content) % 8) % 8
    return struct.pack(">BBHHBx", 1, kind, request_id, len(content), padding) + content + b"\0" * padding


def name_value(name, value):
    def length(n):
        return struct.pack(">B", n) if n < 128 else struct.pack(">I", n | 0x80000000)
    name, value = name.encode(), value.encode()
    return length(len(name)) + length(len(value)) + name + value


def params(environ):
    body = b"".join(name_value(k, v) for k, v in environ.items())
    out = b""
    for start in range(0, len(body), 65535):
        out += record(PARAMS, body[start:start + 65535])
    return out + record(PARAMS, b"")


def stdin_records(data):
    return b"".join(record(STDIN, data[start:start + 65535]) for start in range(0, len(data), 65535))


def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    return s


def begin(environ):
    """The bytes that open a request: BEGIN_REQUEST (keep-conn off) and its PARAMS."""
    return record(BEGIN_REQUEST, struct.pack(">HB5x", RESPONDER, 0)) + params(environ)


def request(path, environ, body=b""):
    """A whole request; answers the STDOUT bytes (CGI headers and body)."""
    with connect(path) as s:
        s.sendall(begin(environ) + stdin_records(body) + record(STDIN, b""))
        out, buffer = b"", b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            buffer += chunk
            while len(buffer) >= 8:
                _, kind, _, length, padding = struct.unpack(">BBHHBx", buffer[:8])
                if len(buffer) < 8 + length + padding:
                    break
                if kind == STDOUT:
                    out += buffer[8:8 + length]
                buffer = buffer[8 + length + padding:]
                if kind == END_REQUEST:
                    return out
        return out
