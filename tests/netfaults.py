"""Network faults on the loopback interface, for tests of outages: a server that accepts
connections and never answers (a stopped process), and a proxy that can be frozen mid-conversation."""

import contextlib
import socket
import threading
import time


class BlackHole:
    """Accepts TCP connections on 127.0.0.1 and never answers; counts the connections."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.accepted = []
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        self.sock.settimeout(0.1)
        while not self._stop:
            with contextlib.suppress(OSError):
                connection, _address = self.sock.accept()
                self.accepted.append(connection)

    def close(self):
        self._stop = True
        self._thread.join(1)
        for connection in self.accepted:
            connection.close()
        self.sock.close()


class FreezableProxy:
    """Forwards TCP connections to (host, port) until frozen; then holds every byte."""

    def __init__(self, host, port):
        self.upstream = (host, port)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.frozen = threading.Event()
        self._sockets = []
        self._stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        self.sock.settimeout(0.1)
        while not self._stop:
            try:
                client, _address = self.sock.accept()
            except OSError:
                continue
            upstream = socket.create_connection(self.upstream)
            self._sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source, target):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                while self.frozen.is_set() and not self._stop:
                    time.sleep(0.05)
                if self._stop:
                    return
                target.sendall(data)

    def close(self):
        self._stop = True
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes the pumps and tells the server at once
            sock.close()
        self.sock.close()
