#!/usr/bin/env python3
"""measure.py APPDIR SCAN.json SITES_REGEX [EXCLUDE_REGEX]

Compares a `scan --format json` of APPDIR with the evaluation sites a human
established by reading the code, written down as a ripgrep regex over the
application's source (SITES_REGEX: the SDK calls and the application's own
wrappers, hooks and flags-object reads) minus EXCLUDE_REGEX (matched against
"path:line text": the wrappers' own bodies, comments, docs). Test files are
left out of the sites.

Prints one JSON object: sites; right (a key equal to the literal on the site
or to the value of the constant the site names); named (React reads reported
with their property name and key null: `check` maps them to the payload's
keys); null (found, key null); missed; wrong (a key that is neither); extra
(calls outside the sites and outside tests, to be reviewed: a false positive
unless it is a wrapper's own SDK call, which has key null); and the lists.
"""
import functools
import json
import re
import subprocess
import sys

app, scan, sites_rx = sys.argv[1], sys.argv[2], sys.argv[3]
exclude = re.compile(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else None
TEST = re.compile(
    r"(^|/)(tests?|spec|specs|__tests__|__mocks__|mocks?|cypress|e2e|testing|fixtures?|functionalTest|integrationTest|testHelpers?)(/|$)"
    r"|[._-](test|spec|tests|stories|cy)\.[a-z]+$|Tests?\.(cs|java|kt)$|_test\.(go|py|rb)$|(^|/)test_[^/]*\.py$|(^|/)conftest\.py$",
    re.I)
DOCS = re.compile(r"\.(md|mdx|txt|rst)$|(^|/)(docs?|\.github)/", re.I)


def rg(args):
    out = subprocess.run(["rg", "-n", "--no-heading", "--max-filesize", "2M", "-g", "!node_modules", "-g", "!*.min.js"] + args,
                         cwd=app, capture_output=True).stdout
    return out.decode("utf-8", "replace")


lines_cache = {}


def text_at(f, n, after=3):
    if f not in lines_cache:
        try:
            with open(f"{app}/{f}", encoding="utf-8", errors="replace") as fh:
                lines_cache[f] = fh.read().split("\n")
        except OSError:
            lines_cache[f] = []
    ls = lines_cache[f]
    return "\n".join(ls[n - 1:n - 1 + after + 1])


sites = {}
for l in rg([sites_rx, "."]).splitlines():
    f, n, text = l.split(":", 2)
    f = f[2:] if f.startswith("./") else f
    if TEST.search(f) or DOCS.search(f) or (exclude and exclude.search(f"{f}:{n} {text}")):
        continue
    sites[(f, int(n))] = text.strip()

calls = json.load(open(scan))["calls"]
byline = {}
for c in calls:
    f = c["file"][2:] if c["file"].startswith("./") else c["file"]
    byline.setdefault((f, c["line"]), []).append(c)


@functools.lru_cache(None)
def values(name):
    """The string values a constant, enum member or property of this name is given anywhere."""
    out = rg(["-o", "-r", "$3", r"\b" + re.escape(name) + r"\b\s*(\(|=|:|=>)\s*(new\s+\w+\s*\()?\s*[\x22'`]([^\x22'`]*)[\x22'`]", "."])
    return {l.split(":", 2)[2] for l in out.splitlines()}


def quoted(k, text):
    return any(q + k + q in text for q in ('"', "'", "`"))


def verdict(c, f, n):
    k = c.get("key")
    if quoted(k, text_at(f, n)):
        return "right"
    via = c.get("via")
    if via and quoted(k, text_at(via["file"], via["line"], 8)):
        return "right"  # a wrapper that fixes the key inside
    if c.get("name"):
        # A flags-object read: the key must give the property its name (the
        # SDK camel-cases keys: compare letters and digits only).
        squash = lambda s: re.sub(r"[^a-z0-9]", "", s.lower())
        return "right" if squash(k) == squash(c["name"]) else "wrong"
    expr = c.get("keyExpr") or sites.get((f, n), "")
    vals = set()
    for nm in reversed(re.findall(r"[A-Za-z_$][A-Za-z0-9_$]*", expr)):
        vals = values(nm)
        if vals:
            break
    if k in vals:
        return "right"
    return "wrong" if vals else "unverified"


res = {"sites": len(sites), "right": 0, "named": 0, "null": 0, "missed": 0, "wrong": 0, "unverified": 0}
lists = {"missed": [], "null": [], "wrong": [], "unverified": [], "extra": [], "forwards": []}
for (f, n), text in sorted(sites.items()):
    cs = byline.get((f, n))
    if not cs:
        res["missed"] += 1
        lists["missed"].append(f"{f}:{n} {text[:120]}")
        continue
    keyed = [c for c in cs if c.get("key") is not None]
    if not keyed:
        if any(c.get("name") for c in cs):
            res["named"] += 1
        else:
            res["null"] += 1
            lists["null"].append(f"{f}:{n} {text[:120]}")
        continue
    v = [verdict(c, f, n) for c in keyed]
    kind = "wrong" if "wrong" in v else "unverified" if "unverified" in v else "right"
    res[kind] += 1
    if kind != "right":
        lists[kind].append(f"{f}:{n} key={[c['key'] for c in keyed]} {text[:100]}")
for (f, n), cs in sorted(byline.items()):
    if (f, n) in sites or TEST.search(f) or DOCS.search(f):
        continue
    for c in cs:
        if c.get("forwards"):
            lists["forwards"].append(f"{f}:{n} {c.get('method')} in {c['forwards'].get('name')}")
            continue  # a wrapper's own SDK call: its callers are the sites
        lists["extra"].append(f"{f}:{n} {c.get('method')} key={json.dumps(c.get('key'))} {c.get('keyExpr', '')[:60]}")
res["extra"] = len(lists["extra"])
res["lists"] = lists
print(json.dumps(res, indent=1))
