#!/usr/bin/env python3
"""extract.py GITDIR REV DEST: writes REV's tree into DEST, skipping the blobs a
snapshot mirror does not hold (its largest files), which make `git archive` stop."""
import os, subprocess, sys

gitdir, rev, dest = sys.argv[1:4]
git = ["git", "--git-dir=" + gitdir]
entries = subprocess.run(git + ["ls-tree", "-r", "-z", rev], capture_output=True, check=True).stdout.split(b"\0")
blobs = []
for e in entries:
    if not e:
        continue
    meta, path = e.split(b"\t", 1)
    mode, kind, sha = meta.split()
    if kind == b"blob" and mode != b"120000":
        blobs.append((sha.decode(), path))
# One cat-file process for every blob; a missing one answers "missing".
proc = subprocess.Popen(git + ["cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
skipped = 0
for sha, path in blobs:
    proc.stdin.write(sha.encode() + b"\n")
    proc.stdin.flush()
    header = proc.stdout.readline().split()
    if len(header) < 3 or header[1] != b"blob":
        skipped += 1
        continue
    data = proc.stdout.read(int(header[2]))
    proc.stdout.read(1)
    out = os.path.join(dest.encode(), path)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as f:
        f.write(data)
proc.stdin.close()
proc.wait()
if skipped:
    print(f"{dest}: {skipped} file(s) absent from the mirror, skipped", file=sys.stderr)
