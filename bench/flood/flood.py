#!/usr/bin/env python3
"""Unsigned-flood memory check (issue 13 item 6): starts slobot.dll in Slack or Discord HTTP mode on loopback, sends
N chunked 28 MiB bodies with well-formed but wrong signatures, and prints the process's RSS and peak (VmHWM) before and
after, with each answer's status line. Usage: flood.py PATH/TO/slobot.dll slack|discord [N]"""
import socket, subprocess, sys, tempfile, time, os

dll, platform = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 10
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0)); port = probe.getsockname()[1]
state = os.path.join(tempfile.mkdtemp(prefix="slobot-flood-"), "state.db")
settings = {
    "slack": ["--SloBot:Slack:Mode=Http", "--SloBot:Slack:BotToken=xoxb-1-2-x", "--SloBot:Slack:SigningSecret=" + "0f" * 16,
              "--SloBot:Slack:ApiBaseUrl=http://127.0.0.1:9/"],
    "discord": ["--SloBot:Discord:Mode=Http", "--SloBot:Discord:BotToken=MTEw.x.y", "--SloBot:Discord:ApplicationId=1100000000000000001",
                "--SloBot:Discord:PublicKey=" + "ab" * 32, "--SloBot:Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10/"],
}[platform]
paths = ["/slack/commands", "/slack/events", "/slack/interactions"] if platform == "slack" else ["/discord/interactions"]
headers = (f"X-Slack-Request-Timestamp: {{now}}\r\nX-Slack-Signature: v0={'00' * 32}" if platform == "slack"
           else f"X-Signature-Timestamp: {{now}}\r\nX-Signature-Ed25519: {'00' * 64}")
proc = subprocess.Popen(["dotnet", dll, "--demo", f"--urls=http://127.0.0.1:{port}", f"--SloBot:Storage:ConnectionString=Data Source={state}", *settings],
                        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def memory():
    fields = dict(line.split(":", 1) for line in open(f"/proc/{proc.pid}/status") if line.startswith(("VmRSS", "VmHWM")))
    return f"RSS {int(fields['VmRSS'].split()[0]) / 1024:.1f} MiB, peak {int(fields['VmHWM'].split()[0]) / 1024:.1f} MiB"

for _ in range(120):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close(); break
    except OSError:
        time.sleep(0.5)
time.sleep(3)
print("ready:", memory())
chunk = b"x" * (1 << 20)
for i in range(count):
    path = paths[i % len(paths)]
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(f"POST {path} HTTP/1.1\r\nHost: slobot\r\nTransfer-Encoding: chunked\r\n{headers.format(now=int(time.time()))}\r\n\r\n".encode())
        try:
            for _ in range(28):
                s.sendall(b"100000\r\n" + chunk + b"\r\n")
            s.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # SloBot answered and closed before the body ended
        try:
            print(path, s.recv(200).split(b"\r\n")[0].decode())
        except OSError as e:
            print(path, e)
time.sleep(2)
print(f"after {count} x 28 MiB:", memory())
proc.terminate(); proc.wait()
