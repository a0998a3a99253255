# A test-owned NOTIFY_SOCKET (issue 15): binds an AF_UNIX datagram socket at
# a path or an abstract name ("@name") and writes each datagram received as
# one line to OUT, its newlines as "|". Touches OUT.ready once listening.
import os
import socket
import sys

addr, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
if addr.startswith("@"):
    s.bind("\0" + addr[1:])
else:
    if os.path.exists(addr):
        os.unlink(addr)
    s.bind(addr)
with open(out, "a", buffering=1) as f:
    open(out + ".ready", "w").close()
    while True:
        msg = s.recv(4096).decode("utf-8", "replace")
        f.write(msg.replace("\n", "|") + "\n")
