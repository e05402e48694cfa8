# Runs one command and reports what it cost the client: wall seconds, CPU seconds (user + system, children
# included), peak RSS, and (on Linux) how that memory splits. Usage: python measure.py OUT.json -- cmd args...
#
# Peak RSS counts two kinds of page. Private ones (RssAnon: the heap, buffers, JIT code) are the process's own.
# File-backed ones (RssFile) are pages of the executable and its libraries that the process has touched: they live
# in the page cache, shared with every other process that maps the same files. A Node process maps its ~100 MB
# executable, so it starts with far more of them than a Python one; the split shows which part of a gap is which.
import json, os, re, resource, subprocess, sys, tempfile, time

SAMPLE_EVERY = 0.01  # seconds; the peaks below are the largest sampled, so a spike shorter than this can be missed


def tree(pid):
    """pid and every process below it."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return out


def memory_kib(pid):
    """(RssAnon, RssFile) in KiB, or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            s = f.read()
    except OSError:
        return None
    anon = re.search(r"RssAnon:\s+(\d+)", s)
    file = re.search(r"RssFile:\s+(\d+)", s)
    return (int(anon.group(1)), int(file.group(1))) if anon and file else None


out = sys.argv[1]
cmd = sys.argv[sys.argv.index("--") + 1:]
sampled = os.path.exists("/proc/self/status")
peak_anon = peak_file = 0
with tempfile.TemporaryFile() as err:
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
    while proc.poll() is None:
        if sampled:
            for pid in tree(proc.pid):
                m = memory_kib(pid)
                if m:
                    peak_anon, peak_file = max(peak_anon, m[0]), max(peak_file, m[1])
        time.sleep(SAMPLE_EVERY)
    wall = time.monotonic() - start
    err.seek(0)
    stderr = err.read()
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
        # The largest sampled of any one process in the tree; None where there is no /proc (or nothing was sampled).
        "anonMiB": peak_anon / 1024 if peak_anon else None,
        "fileMiB": peak_file / 1024 if peak_file else None,
        "stderr": stderr.decode("utf-8", "replace")[-2000:],
    }, f)
