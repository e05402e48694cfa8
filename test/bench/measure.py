# Runs one command and reports what it cost the client: wall seconds, CPU seconds (user + system, children
# included), peak RSS, and (on Linux) how that memory splits. Usage: python measure.py OUT.json -- cmd args...
#
# Peak RSS counts two kinds of page. Private ones (RssAnon: the heap, buffers, JIT code) are the process's own.
# File-backed ones (RssFile) are pages of the executable and its libraries that the process has touched: they live
# in the page cache, shared with every other process that maps the same files. A Node process maps its ~100 MB
# executable, so it starts with far more of them than a Python one; the split shows which part of a gap is which.
import json, os, re, resource, subprocess, sys, tempfile, threading, time

SAMPLE_EVERY = 0.01  # seconds: a spike shorter than this can be missed
MIN_SAMPLES = 3  # fewer (a process gone within a few ms) says nothing about its peak: no split is reported


def tree(pid):
    """pid and every process below it (a thread or process gone meanwhile is skipped)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            threads = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in threads:
            try:
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo += [int(c) for c in f.read().split()]
            except OSError:
                pass
    return out


def memory_kib(pid):
    """(RssAnon, RssFile) in KiB, or None once the process is gone (a zombie has neither)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            s = f.read()
    except OSError:
        return None
    anon = re.search(r"RssAnon:\s+(\d+)", s)
    file = re.search(r"RssFile:\s+(\d+)", s)
    return (int(anon.group(1)), int(file.group(1))) if anon and file else None


class Sampler(threading.Thread):
    """Samples the tree until the command ends; keeps the (private, file-backed) pair of the largest sampled RSS of
    any one process, so that the two parts are of the same moment."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.samples, self.peak = pid, 0, (0, 0)
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            for pid in tree(self.pid):
                m = memory_kib(pid)
                if m and m[0] + m[1] > sum(self.peak):
                    self.peak = m
            self.samples += 1
            self.done.wait(SAMPLE_EVERY)


out = sys.argv[1]
cmd = sys.argv[sys.argv.index("--") + 1:]
with tempfile.TemporaryFile() as err:
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
    sampler = Sampler(proc.pid) if os.path.exists("/proc/self/status") else None
    if sampler:
        sampler.start()
    proc.wait()
    wall = time.monotonic() - start
    if sampler:
        sampler.done.set()
        sampler.join()
    err.seek(0)
    stderr = err.read()
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
split = sampler and sampler.samples >= MIN_SAMPLES and sum(sampler.peak) > 0
with open(out, "w") as f:
    json.dump({
        "code": proc.returncode,
        "wall": wall,
        "cpu": ru.ru_utime + ru.ru_stime,
        "user": ru.ru_utime,
        "sys": ru.ru_stime,
        # Linux reports ru_maxrss in KiB: the largest single process among the waited-for children.
        "rssMiB": ru.ru_maxrss / 1024,
        # At the largest sampled RSS of any one process in the tree; None without /proc or with too few samples.
        "anonMiB": sampler.peak[0] / 1024 if split else None,
        "fileMiB": sampler.peak[1] / 1024 if split else None,
        "stderr": stderr.decode("utf-8", "replace")[-2000:],
    }, f)
