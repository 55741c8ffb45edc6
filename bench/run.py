#!/usr/bin/env python3
"""Whole-command benchmarks of cchc on synthetic repositories (BENCHMARKS.md).

    python3 bench/run.py                      # province, national, commune
    python3 bench/run.py --presets province --runs 1 --smoke
    python3 bench/run.py --scaling province:1,4,16,64

For each preset it generates (once, deterministically) a repository with
`cargo run --release --example synth` and a Hugo site of the same pages, then
times, as whole processes, each the minimum of --runs runs:

  build (cold: no previous site; warm: over the previous site), validate,
  check-pr on a one-file pull request, the history walk alone against
  `git log --first-parent --name-only`, Hugo on the same pages, and a
  one-file edit in `cchc serve` until the edited page is received;
  peak memory (max RSS) of the build; instruction counts (valgrind) for
  the province preset, which repeat exactly where wall time does not.
  Then the build and Hugo in turn, and the history walk and git log in
  turn: the median of the ratios pair by pair, steadier than a ratio of
  minimums when the machine's speed drifts.

Results go to stdout as Markdown and to target/bench/results.json.
"""

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench")
RELEASE = os.path.join(ROOT, "target", "release")
CCHC = os.path.join(RELEASE, "cchc")
SYNTH = os.path.join(RELEASE, "examples", "synth")
HISTORY = os.path.join(RELEASE, "examples", "history")
# Bump when the generator's output changes, so cached repositories are remade.
GENERATOR_VERSION = "4"


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def run_once(cmd, cwd=None, env=None):
    """Runs cmd; returns (wall seconds, max RSS in MB, exit status, stdout)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), text


def timed(cmd, runs, cwd=None, env=None, before=None, ok=(0,)):
    """The minimum wall time and the largest RSS over `runs` runs."""
    walls, rss = [], 0.0
    for _ in range(runs):
        if before:
            before()
        wall, mem, code, out = run_once(cmd, cwd, env)
        if code not in ok:
            raise SystemExit(f"{' '.join(cmd)} exited {code}:\n{out[-2000:]}")
        walls.append(wall)
        rss = max(rss, mem)
    return {"min_s": min(walls), "median_s": sorted(walls)[len(walls) // 2], "max_rss_mb": rss}


def paired(a, b, runs, before_a=None, before_b=None, cwd_b=None):
    """A and B in turn, `runs` times each: the median of the ratios A/B
    taken pair by pair. Steadier than a ratio of minimums when the
    machine's speed drifts between the runs of one command and the other's."""
    ratios = []
    for _ in range(runs):
        if before_a:
            before_a()
        wall_a, _, code_a, _ = run_once(a)
        if before_b:
            before_b()
        wall_b, _, code_b, _ = run_once(b, cwd=cwd_b)
        if code_a != 0 or code_b != 0:
            raise SystemExit(f"{' '.join(a)} / {' '.join(b)}: exit {code_a} / {code_b}")
        ratios.append(wall_a / wall_b)
    return sorted(ratios)[len(ratios) // 2]


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.invalid")
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, stdout=subprocess.DEVNULL)


def generate(preset, scale):
    name = preset if scale == 1 else f"{preset}-x{scale}"
    base = os.path.join(WORK, name)
    stamp = os.path.join(base, "stamp")
    repo, hugo = os.path.join(base, "repo"), os.path.join(base, "hugo")
    want = f"{GENERATOR_VERSION} {preset} {scale}"
    if os.path.exists(stamp) and open(stamp).read() == want:
        return name, repo, hugo
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base)
    log(f"generating {name} …")
    subprocess.run([SYNTH, "--preset", preset, "--scale", str(scale), "--out", repo, "--hugo", hugo],
                   check=True)
    with open(stamp, "w") as f:
        f.write(want)
    return name, repo, hugo


def one_submission(repo):
    """A submission of the repository, its campaign and its unit."""
    sub = os.path.join(repo, "submissions")
    campaign = sorted(os.listdir(sub))[0]
    unit = sorted(os.listdir(os.path.join(sub, campaign)))[0][: -len(".toml")]
    return campaign, unit, os.path.join(sub, campaign, unit + ".toml")


def pull_request(repo):
    """A branch `bench-pr` changing one submission; the check-pr command."""
    campaign, unit, path = one_submission(repo)
    git(repo, "checkout", "-q", "-B", "bench-pr", "main")
    text = open(path, encoding="utf-8").read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace('explanation = "', 'explanation = "(sửa) ', 1))
    git(repo, "commit", "-qam", f"Sửa báo cáo của {unit}")
    git(repo, "checkout", "-q", "main")
    return [CCHC, "--repo", repo, "check-pr", "--base", "main", "--head", "bench-pr",
            "--actor", f"{unit}-clerk", "--now", "2023-09-12T10:00:00+07:00"]


def html_pages(folder):
    return sum(1 for _, _, files in os.walk(folder) for f in files if f.endswith(".html"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
        return r.read().decode("utf-8", "replace")


def serve_edits(repo, runs):
    """Edits one submission `runs` times in a running `cchc serve`; returns
    the server's rebuild time and the time from the write until the edited
    unit page is received, each the minimum and median."""
    campaign, unit, path = one_submission(repo)
    original = open(path, encoding="utf-8").read()
    port = free_port()
    proc = subprocess.Popen([CCHC, "--repo", repo, "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took, e2e = [], []
    try:
        deadline = time.time() + 900
        while True:
            try:
                state = json.loads(http(port, "/__cchc/state"))
                if state["version"] >= 1:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise SystemExit("serve did not start")
            time.sleep(0.05)
        for i in range(runs):
            version = state["version"]
            marker = f"[bench {i}]"
            start = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(original.replace('explanation = "', f'explanation = "{marker} ', 1))
            while True:
                state = json.loads(http(port, "/__cchc/state"))
                if state["version"] > version:
                    break
                time.sleep(0.002)
            took.append(state["took_ms"] / 1000)
            # Pages render when asked for: the edit is seen once the unit's
            # page, rendered anew, is in hand.
            page = http(port, f"/{campaign}/don-vi/{unit}.html")
            e2e.append(time.perf_counter() - start)
            if marker not in page:
                raise SystemExit("serve: the unit page does not show the edit")
            time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait()
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
    # The first edit of a campaign reads all its files; later ones parse
    # the changed file only (serve keeps what it read).
    med = lambda xs: sorted(xs)[len(xs) // 2]
    return {"rebuild_first_s": took[0], "edit_to_site_first_s": e2e[0],
            "rebuild_min_s": min(took[1:]), "rebuild_median_s": med(took[1:]),
            "edit_to_site_min_s": min(e2e[1:]), "edit_to_site_median_s": med(e2e[1:])}


def instructions(cmd, cwd=None):
    """Instructions executed (valgrind callgrind), one thread so the count
    repeats exactly."""
    if not shutil.which("valgrind"):
        return None
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                         cwd=cwd, env=env, capture_output=True, text=True)
    m = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    return int(m.group(1)) if m else None


def measure(preset, scale, runs, full, smoke=False):
    name, repo, hugo_src = generate(preset, scale)
    tmp = tempfile.mkdtemp(prefix="cchc-bench-")
    site = os.path.join(tmp, "site")
    r = {"preset": name}
    try:
        units = len(re.findall(r"^\[\[unit\]\]", open(os.path.join(repo, "content/units.toml"),
                                                           encoding="utf-8").read(), re.M))
        r["units"] = units
        r["commits"] = int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=repo,
                                          capture_output=True, text=True).stdout)
        r["first_parent_commits"] = int(subprocess.run(
            ["git", "rev-list", "--first-parent", "--count", "HEAD"], cwd=repo,
            capture_output=True, text=True).stdout)
        build = [CCHC, "--repo", repo, "build", "--out", site]
        log(f"{name}: build")
        r["build_cold"] = timed(build, runs, before=lambda: shutil.rmtree(site, ignore_errors=True))
        r["build_warm"] = timed(build, runs)
        r["cchc_pages"] = html_pages(site)
        log(f"{name}: validate, check-pr")
        r["validate"] = timed([CCHC, "--repo", repo, "validate"], runs)
        r["check_pr"] = timed(pull_request(repo), runs)
        log(f"{name}: history")
        r["history"] = timed([HISTORY, repo], runs)
        r["git_log"] = timed(["git", "log", "--first-parent", "--name-only", "--format=%H%x09%ct"],
                             runs, cwd=repo)
        if shutil.which("hugo"):
            log(f"{name}: hugo")
            out = os.path.join(tmp, "hugo-out")
            r["hugo"] = timed(["hugo", "--quiet", "-s", hugo_src, "-d", out], runs,
                              before=lambda: shutil.rmtree(out, ignore_errors=True))
            r["hugo_pages"] = html_pages(out)
            r["ratio_build_to_hugo"] = r["build_cold"]["min_s"] / r["hugo"]["min_s"]
            if not smoke:
                log(f"{name}: build and Hugo in turn")
                r["paired_build_to_hugo"] = paired(
                    build, ["hugo", "--quiet", "-s", hugo_src, "-d", out], runs,
                    before_a=lambda: shutil.rmtree(site, ignore_errors=True),
                    before_b=lambda: shutil.rmtree(out, ignore_errors=True))
            if r["hugo_pages"] != r["cchc_pages"]:
                raise SystemExit(f"{name}: Hugo made {r['hugo_pages']} pages, cchc {r['cchc_pages']}: "
                                 "the comparison is no longer like for like (examples/synth --hugo)")
        r["ratio_history_to_git_log"] = r["history"]["min_s"] / r["git_log"]["min_s"]
        if not smoke:
            r["paired_history_to_git_log"] = paired(
                [HISTORY, repo],
                ["git", "log", "--first-parent", "--name-only", "--format=%H%x09%ct"],
                max(runs, 5), cwd_b=repo)
        if full:
            log(f"{name}: serve")
            r["serve"] = serve_edits(repo, max(2 * runs, 4))
            if preset == "province" and scale == 1 and not smoke:
                log(f"{name}: instruction counts")
                r["instructions_build"] = instructions(build)
                r["instructions_history"] = instructions([HISTORY, repo])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return r


def table(results):
    ms = lambda s: f"{s * 1000:,.0f} ms" if s < 10 else f"{s:,.1f} s"
    rows = [
        ("units / commits (first-parent)", lambda r: f"{r['units']:,} / {r['commits']:,} ({r['first_parent_commits']:,})"),
        ("pages: cchc / Hugo", lambda r: f"{r['cchc_pages']:,} / {r.get('hugo_pages', 0):,}"),
        ("build, cold", lambda r: ms(r["build_cold"]["min_s"])),
        ("build, warm", lambda r: ms(r["build_warm"]["min_s"])),
        ("Hugo, same pages", lambda r: ms(r["hugo"]["min_s"]) if "hugo" in r else "—"),
        ("**build / Hugo**", lambda r: f"**{r['ratio_build_to_hugo']:.2f}**" if "hugo" in r else "—"),
        ("build / Hugo, in turn (median of pairs)",
         lambda r: f"{r['paired_build_to_hugo']:.2f}" if "paired_build_to_hugo" in r else "—"),
        ("peak memory of build", lambda r: f"{r['build_cold']['max_rss_mb']:,.0f} MB"),
        ("validate, everything", lambda r: ms(r["validate"]["min_s"])),
        ("peak memory of validate", lambda r: f"{r['validate']['max_rss_mb']:,.0f} MB"),
        ("check-pr, one-file PR", lambda r: ms(r["check_pr"]["min_s"])),
        ("history walk alone", lambda r: ms(r["history"]["min_s"])),
        ("git log --first-parent --name-only", lambda r: ms(r["git_log"]["min_s"])),
        ("**history / git log**", lambda r: f"**{r['ratio_history_to_git_log']:.2f}**"),
        ("history / git log, in turn (median of pairs)",
         lambda r: f"{r['paired_history_to_git_log']:.2f}" if "paired_history_to_git_log" in r else "—"),
        ("serve: first edit of a campaign, rebuild", lambda r: ms(r["serve"]["rebuild_first_s"]) if "serve" in r else "—"),
        ("serve: next edits, rebuild (min / median)", lambda r: f'{ms(r["serve"]["rebuild_min_s"])} / {ms(r["serve"]["rebuild_median_s"])}' if "serve" in r else "—"),
        ("serve: next edits, write → edited page received (min / median)", lambda r: f'{ms(r["serve"]["edit_to_site_min_s"])} / {ms(r["serve"]["edit_to_site_median_s"])}' if "serve" in r else "—"),
    ]
    out = ["| | " + " | ".join(r["preset"] for r in results) + " |",
           "|---|" + "---:|" * len(results)]
    for label, f in rows:
        out.append(f"| {label} | " + " | ".join(f(r) for r in results) + " |")
    for r in results:
        if r.get("instructions_build"):
            out.append("")
            out.append(f"Instructions ({r['preset']}, one thread, valgrind): build "
                       f"{r['instructions_build']:,}; history walk {r['instructions_history']:,}.")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--presets", default="province,national,commune")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scaling", help="PRESET:K1,K2,… — the same preset at several scales")
    ap.add_argument("--smoke", action="store_true",
                    help="for CI: every command must work and Hugo make as many pages; no valgrind")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "cchc", "--example", "synth",
                    "--example", "history"], cwd=ROOT, check=True)
    os.makedirs(WORK, exist_ok=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"Machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; "
          f"Hugo: {subprocess.run(['hugo', 'version'], capture_output=True, text=True).stdout.split()[1] if shutil.which('hugo') else 'not installed'}; "
          f"git {subprocess.run(['git', '--version'], capture_output=True, text=True).stdout.split()[-1]}; "
          f"minimum of {args.runs} runs.\n")
    if args.scaling:
        preset, ks = args.scaling.split(":")
        results = [measure(preset, int(k), args.runs, False) for k in ks.split(",")]
    else:
        results = [measure(p, 1, args.runs, True, args.smoke) for p in args.presets.split(",")]
    print(table(results))
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
