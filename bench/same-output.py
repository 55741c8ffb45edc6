#!/usr/bin/env python3
"""Checks that two cchc binaries produce the same outputs, byte for byte.

    python3 bench/same-output.py BEFORE_CCHC AFTER_CCHC [--presets province,national,commune]
                                 [--before-repo BEFORE_SOURCES]

For a refactoring that must not change behaviour: builds the site of the
repository's own sample and of each bench preset (generated once, as
bench/run.py does) with both binaries at the same fixed clock, and runs the
read-only commands (validate, status, export, schema, codeowners) in both
languages and formats on the sample. Prints every file or command output
that differs, and exits 1 if any does.
"""

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import run  # noqa: E402  (the presets' generator)

# A fixed clock, so that "days overdue" and the footer's time match.
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_COLOR="1")

COMMANDS = [
    ["validate"],
    ["validate", "--format", "json"],
    ["validate", "--format", "github"],
    ["status"],
    ["status", "--format", "json"],
    ["status", "--campaign", "2023-9t"],
    ["export", "--campaign", "2023-9t", "--format", "csv"],
    ["export", "--campaign", "2023-9t", "--format", "json"],
    ["schema"],
    ["codeowners"],
    ["explain", "E001"],
]


def tree_diff(a, b, rel=""):
    """Paths under a and b that differ or exist on one side only."""
    out = []
    cmp = filecmp.dircmp(os.path.join(a, rel), os.path.join(b, rel))
    out += [os.path.join(rel, p) + " (only before)" for p in cmp.left_only]
    out += [os.path.join(rel, p) + " (only after)" for p in cmp.right_only]
    for name in cmp.common_files:
        pa, pb = os.path.join(a, rel, name), os.path.join(b, rel, name)
        with open(pa, "rb") as fa, open(pb, "rb") as fb:
            if fa.read() != fb.read():
                out.append(os.path.join(rel, name))
    for name in cmp.common_dirs:
        out += tree_diff(a, b, os.path.join(rel, name))
    return out


def build(cchc, repo, out):
    subprocess.run([cchc, "--repo", repo, "build", "--out", out], env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def command(cchc, repo, args):
    p = subprocess.run([cchc, "--repo", repo] + args, env=ENV, capture_output=True)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--presets", default="province,national,commune")
    ap.add_argument("--before-repo", default=ROOT,
                    help="the sample as the BEFORE binary's sources had it (their templates/); "
                         "default: this checkout")
    args = ap.parse_args()
    before, after = os.path.abspath(args.before), os.path.abspath(args.after)
    problems = 0
    work = tempfile.mkdtemp(prefix="cchc-same-")
    try:
        repos = [("sample", os.path.abspath(args.before_repo), ROOT)]
        for preset in filter(None, args.presets.split(",")):
            name, repo, _ = run.generate(preset, 1)
            repos.append((name, repo, repo))
        for name, repo_before, repo in repos:
            a, b = os.path.join(work, name + "-before"), os.path.join(work, name + "-after")
            build(before, repo_before, a)
            build(after, repo, b)
            diff = tree_diff(a, b)
            files = sum(len(f) for _, _, f in os.walk(a))
            print(f"{name}: {files} files, {len(diff)} differ")
            for p in diff[:20]:
                print(f"  {p}")
            problems += len(diff)
            shutil.rmtree(a)
            shutil.rmtree(b)
        for lang in (["--lang", "vi"], ["--lang", "en"]):
            for cmd in COMMANDS:
                args_ = lang + cmd
                if command(before, args.before_repo, args_) != command(after, ROOT, args_):
                    print(f"cchc {' '.join(args_)}: output differs")
                    problems += 1
        print(f"{len(COMMANDS) * 2} command outputs compared")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
