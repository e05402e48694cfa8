# Runs one command and reports what it cost the client: wall seconds, CPU seconds (user + system, children
# included) and peak RSS. Usage: python measure.py OUT.json -- cmd args...
import json, resource, subprocess, sys, time

out = sys.argv[1]
cmd = sys.argv[sys.argv.index("--") + 1:]
start = time.monotonic()
proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.monotonic() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w") as f:
    json.dump({
        "code": proc.returncode,
        "wall": wall,
        "cpu": ru.ru_utime + ru.ru_stime,
        "user": ru.ru_utime,
        "sys": ru.ru_stime,
        # Linux reports ru_maxrss in KiB: the largest single process among the waited-for children.
        "rssMiB": ru.ru_maxrss / 1024,
        "stderr": proc.stderr.decode("utf-8", "replace")[-2000:],
    }, f)
