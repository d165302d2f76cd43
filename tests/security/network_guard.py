"""A boundary guard for tests that must prove the server makes no outbound
request: name lookups and connections to anything but this machine are
recorded and refused. The database (a local file, a Unix socket or a
loopback PostgreSQL) keeps working."""

import socket
from contextlib import contextmanager

LOCAL = {"localhost", "127.0.0.1", "::1", "testserver", None}


class OutboundAttempt(OSError):
    pass


@contextmanager
def no_outbound_network(monkeypatch):
    attempts = []
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host, *args, **kwargs):
        if host not in LOCAL:
            attempts.append(("getaddrinfo", host))
            raise OutboundAttempt(f"outbound name lookup refused in this test: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    def host_of(address):
        return address[0] if isinstance(address, tuple) else None

    def connect(sock, address):
        if host_of(address) not in LOCAL:
            attempts.append(("connect", address))
            raise OutboundAttempt(f"outbound connection refused in this test: {address}")
        return real_connect(sock, address)

    def connect_ex(sock, address):
        if host_of(address) not in LOCAL:
            attempts.append(("connect", address))
            raise OutboundAttempt(f"outbound connection refused in this test: {address}")
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    yield attempts
