#!/usr/bin/env python3
# smtp-sink.py - a tiny SMTP server for tests: accepts every message on 127.0.0.1 (random port),
# writes each one to OUTDIR/NNN.eml with its envelope in OUTDIR/NNN.env, prints the port to
# PORTFILE. usage: smtp-sink.py OUTDIR PORTFILE [--refuse-rcpt ADDR]
import os
import socketserver
import sys

OUT, PORTFILE = sys.argv[1], sys.argv[2]
REFUSE = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--refuse-rcpt" else None
count = [0]


class Handler(socketserver.StreamRequestHandler):
    def send(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.send("220 sink ESMTP")
        mail_from, rcpts = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").strip()
            up = cmd.upper()
            if up.startswith("EHLO") or up.startswith("HELO"):
                self.send("250-sink")
                self.send("250 8BITMIME")
            elif up.startswith("MAIL FROM:"):
                mail_from, rcpts = cmd[10:].strip(), []
                self.send("250 ok")
            elif up.startswith("RCPT TO:"):
                addr = cmd[8:].strip().strip("<>")
                if REFUSE and addr == REFUSE:
                    self.send("550 no such user")
                else:
                    rcpts.append(addr)
                    self.send("250 ok")
            elif up == "DATA":
                self.send("354 go ahead")
                data = b""
                while True:
                    l = self.rfile.readline()
                    if not l or l in (b".\r\n", b".\n"):
                        break
                    if l.startswith(b".."):
                        l = l[1:]
                    data += l
                count[0] += 1
                base = os.path.join(OUT, "%03d" % count[0])
                with open(base + ".eml", "wb") as f:
                    f.write(data)
                with open(base + ".env", "w") as f:
                    f.write("from %s\nto %s\n" % (mail_from, " ".join(rcpts)))
                self.send("250 queued")
            elif up == "QUIT":
                self.send("221 bye")
                return
            elif up in ("RSET", "NOOP"):
                self.send("250 ok")
            else:
                self.send("502 not implemented")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


with Server(("127.0.0.1", 0), Handler) as srv:
    with open(PORTFILE + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(PORTFILE + ".tmp", PORTFILE)
    srv.serve_forever()
