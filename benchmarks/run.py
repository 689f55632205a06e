"""Benchmarks of the Janus book (``make bench``): every performance target, measured.

Run with ``python benchmarks/run.py`` (``make bench`` builds what it needs first).
It prints one table (median, min and max over repeats of every case, its target
and a verdict) and writes

- ``_build/bench/bench.json``: every measurement, the machine and the commit;
- ``appendix/bench_table.md``: the same table as MyST Markdown, which the
  appendix page ``appendix/performance.md`` includes.

Cases (``--only`` picks groups):

``build``     a clean ``make book`` (execution cache and site removed), an unchanged
              ``make book``, and ``make book`` after editing one chapter's code
              (which must execute that chapter only; the edit is undone after);
``import``    ``import janus`` in a fresh interpreter;
``frames``    one frame of a book widget (the introduction's two-slider figure):
              drawn and encoded as ``janus.widgets`` does it, its frames one after
              another (as a chapter draws them), and against a new figure per
              frame, alternating with it in the same run;
``model``     the model's vectorised closed forms on a million economies;
``browser``   every page of the built site opened cold in headless Chromium: time
              to the first live slider figure (the first ``.janus-explore[data-live]``
              with its frame shown; the page's load event when it has none), bytes
              transferred as gzip would serve them, and the time from a key press on
              the first slider of the page (focused, as a reader tabs to it) to the
              next painted frame that shows the new picture, next to the same for a
              plain range input with no script (the browser's own floor) (needs
              ``make book``).

Timing targets are not tests: a slow or busy machine never fails the test suite.
The machine the book is built on is often shared, so every case reports the
process's CPU time next to the wall-clock time: CPU time is what the code costs;
wall time also counts the waiting for a core. Wall-clock targets are judged on the
median wall time, the model's throughput on the median CPU time (its targets are
per-call costs of the code). The exit code is 0: the verdicts are in the table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PYTHON = str(BIN / "python") if (BIN / "python").exists() else sys.executable
OUT_JSON = ROOT / "_build" / "bench" / "bench.json"
OUT_TABLE = ROOT / "appendix" / "bench_table.md"
SITE = ROOT / "_build" / "html"

RESULTS: list[dict] = []


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def summary(values):
    values = list(values)
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values), "values": values}


def record(group, name, unit, wall=None, cpu=None, target=None, judged_on="median wall",
           note="", extra=None):
    """Add one case: ``wall``/``cpu`` are lists of measurements; ``target`` a bound (<)."""
    row = {"group": group, "name": name, "unit": unit, "target": target, "judged_on": judged_on,
           "note": note}
    if wall is not None:
        row["wall"] = summary(wall)
    if cpu is not None:
        row["cpu"] = summary(cpu)
    if extra:
        row.update(extra)
    if target is not None:
        key = "cpu" if judged_on.endswith("cpu") else "wall"
        row["met"] = bool(row[key]["median"] < target)
    RESULTS.append(row)
    print(format_row(row), flush=True)
    return row


def fmt(value, unit):
    if value is None:
        return ""
    if unit == "s":
        return f"{value:.2f}"
    if unit == "ms":
        return f"{value:.1f}" if value < 100 else f"{value:.0f}"
    if unit == "MB":
        return f"{value:.2f}"
    if unit == "kB":
        return f"{value:.1f}"
    if unit == "x":
        return f"{value:.1f}"
    return f"{value:g}"


def format_row(row):
    u = row["unit"]
    parts = [f"{row['group']:<8} {row['name']:<46}"]
    for key in ("wall", "cpu"):
        if key in row:
            s = row[key]
            parts.append(f"{key} {fmt(s['median'], u)} [{fmt(s['min'], u)}-{fmt(s['max'], u)}] {u}")
    if row["target"] is not None:
        parts.append(f"target < {fmt(row['target'], u)} {u}: {'ok' if row['met'] else 'MISSED'}")
    return "  ".join(parts)


def timed_process(cmd, **kwargs):
    """Run a command; return (wall seconds, CPU seconds of its children, completed process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def machine():
    info = {"platform": platform.platform(), "python": platform.python_version(),
            "cores": os.cpu_count(), "date": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        info["memory_gib"] = round(int(mem) / 2**20, 1)
    except OSError:
        pass
    info["load_average_start"] = os.getloadavg()
    try:
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                        capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


# ---------------------------------------------------------------------------
# the build
# ---------------------------------------------------------------------------

def make_book():
    wall, cpu, proc = timed_process(["make", "--no-print-directory", "book"])
    finished = ROOT / "_build" / ".executing" / "finished"    # when the last page was done
    if finished.exists():
        TAIL.append(time.time() - finished.stat().st_mtime)
    if proc.returncode != 0:
        sys.exit(f"make book failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    executed = proc.stdout.count("Executing notebook") + proc.stderr.count("Executing notebook")
    # the executor shares the output with Sphinx: its line may start in the middle of one
    for count, seconds in re.findall(r"execute_notebooks: executed (\d+) page\(s\) in ([\d.]+) s",
                                     proc.stdout + proc.stderr):
        executed += int(count)
        EXECUTION.append(float(seconds))
    return wall, cpu, executed


EXECUTION: list[float] = [float("nan")]
TAIL: list[float] = [float("nan")]


def page_execution_seconds():
    """Seconds each page's execution took, as recorded in the execution cache."""
    from jupyter_cache import get_cache

    out = {}
    pages = {str(p): p for p in notebook_chapters()}
    cache = get_cache(ROOT / "_build" / ".jupyter_cache")
    for record_ in cache.list_project_records():
        try:
            cached = cache.get_cached_project_nb(record_.uri)
        except Exception:
            cached = None
        if cached is not None and record_.uri in pages:
            seconds = cached.data.get("execution_seconds")
            if seconds is not None:
                out[pages[record_.uri].relative_to(ROOT).as_posix()] = float(seconds)
    return out


def notebook_chapters():
    sys.path.insert(0, str(ROOT / "tools"))
    from execute_notebooks import toc_files

    return [p for p in toc_files(ROOT / "_toc.yml")
            if p.suffix == ".md" and "kernelspec:" in p.read_text(encoding="utf-8")[:2000]]


def bench_build(repeats):
    pages = notebook_chapters()
    walls, cpus = [], []
    for _ in range(repeats["clean"]):
        shutil.rmtree(ROOT / "_build" / ".jupyter_cache", ignore_errors=True)
        shutil.rmtree(ROOT / "_build" / "html", ignore_errors=True)
        shutil.rmtree(ROOT / "_build" / ".doctrees", ignore_errors=True)
        wall, cpu, executed = make_book()
        walls.append(wall)
        cpus.append(cpu)
    if walls:
        record("build", f"clean make book ({len(pages)} notebook pages)", "s", walls, cpus,
               target=60.0, extra={"pages": len(pages)})
        record("build", "of which executing the pages, two at a time, while Sphinx reads the others",
               "s", [EXECUTION[-1]])
        record("build", "of which after the last page executed: Sphinx reads it, writes the site",
               "s", [TAIL[-1]])
        times = page_execution_seconds()
        for name, seconds in times.items():
            record("build", f"executing {name} alone (its kernel's own clock)", "s", [seconds])
        if times:
            record("build", "sum of the pages' execution times, over the two cores", "s",
                   [sum(times.values()) / (os.cpu_count() or 1)])
        bench_build_parts(repeats["clean"])
    make_book()                                    # make sure everything is cached
    walls, cpus, runs = [], [], []
    for _ in range(repeats["unchanged"]):
        wall, cpu, executed = make_book()
        walls.append(wall)
        cpus.append(cpu)
        runs.append(executed)
    record("build", "unchanged make book", "s", walls, cpus, target=5.0,
           note=f"pages executed: {max(runs)}", extra={"executed": runs})
    # edit one chapter's code: only that chapter runs again
    chapter = next((p for p in pages if p.parent.name == "chapters"), pages[-1])
    original = chapter.read_bytes()
    walls, cpus, runs = [], [], []
    try:
        for k in range(repeats["edit"]):
            text = original.decode("utf-8")
            start = text.index("```{code-cell}")
            at = text.index("\n```\n", start) + 1
            # a new last line in the chapter's first code cell changes its code
            chapter.write_text(text[:at] + f"# benchmark edit {time.time_ns()} {k}\n" + text[at:],
                               encoding="utf-8")
            wall, cpu, executed = make_book()
            walls.append(wall)
            cpus.append(cpu)
            runs.append(executed)
    finally:
        chapter.write_bytes(original)
    record("build", f"make book after editing {chapter.name}", "s", walls, cpus,
           note=f"pages executed: {max(runs)} (target: 1)", extra={"executed": runs})
    make_book()                                    # back to the committed chapter (cached)


def bench_build_parts(repeats):
    """What a clean build is made of, besides executing the chapters' own code: Sphinx
    alone (every page in the execution cache, the site and Sphinx's state removed), a
    kernel started for an empty page, and the imports of a chapter's first cell."""
    walls, cpus = [], []
    for _ in range(repeats):
        shutil.rmtree(ROOT / "_build" / "html", ignore_errors=True)
        shutil.rmtree(ROOT / "_build" / ".doctrees", ignore_errors=True)
        wall, cpu, executed = make_book()
        walls.append(wall)
        cpus.append(cpu)
    record("build", "  Sphinx alone: make book with every page cached, site removed", "s",
           walls, cpus, note=f"pages executed: {executed}")
    empty = ("import nbclient, nbformat\n"
             "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
             "nbclient.NotebookClient(nb, kernel_name='python3').execute()\n")
    record("build", "  a kernel started, one cell run, stopped (per page)", "s",
           *time_python(empty, max(3, repeats)))
    first_cell = ("import numpy, scipy.optimize, pandas, matplotlib.pyplot, janus, "
                  "janus.style, janus.widgets")
    record("build", "  a chapter's imports: NumPy, SciPy, pandas, matplotlib, janus (per page)",
           "s", *time_python(first_cell, max(3, repeats)))


def time_python(code: str, repeats: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``python -c code`` in a fresh interpreter, ``repeats`` times."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu, proc = timed_process([PYTHON, "-c", code])
        if proc.returncode:
            sys.exit(proc.stderr)
        walls.append(wall)
        cpus.append(cpu)
    return walls, cpus


# ---------------------------------------------------------------------------
# import janus, the model
# ---------------------------------------------------------------------------

def bench_import(repeats):
    walls, cpus = time_python("import janus", repeats + 1)
    record("import", "import janus (fresh interpreter)", "s", walls[1:], cpus[1:], target=1.0)


def bench_model(repeats):
    import numpy as np

    import janus

    betas = np.linspace(0.0, 0.1, 1_000_000)
    economy = janus.Economy(A=1000.0, beta=betas)

    def closed_forms_on_a_million_economies():
        e = janus.Economy(A=1000.0, beta=betas)
        return e.mean, e.median, e.gini, e.top_share(0.1)

    def certainty_equivalents_on_a_million_economies():
        return janus.certainty_equivalent(economy, 2.5)

    def quintile_shares_on_a_million_economies():
        return economy.quintile_shares()

    def calibrate_a_million_years():
        return janus.calibrate(np.full(1_000_000, 50_000.0), np.linspace(50_000.0, 90_000.0, 1_000_000))

    race = janus.ai_race.Race(5, 0.05, 20.0, 0.25, 10.0, 0.5, janus.style.running_economy(beta=0.02))

    def a_million_ai_races_of_five_firms():
        return race.simulate(1_000_000, seed=1, spending=1.0)

    cases = [(closed_forms_on_a_million_economies, 0.15),
             (certainty_equivalents_on_a_million_economies, 0.05),
             (quintile_shares_on_a_million_economies, 0.3),
             (calibrate_a_million_years, 0.15),
             (a_million_ai_races_of_five_firms, 1.0)]
    for func, target in cases:
        func()                                      # warm-up: imports, first allocations
        walls, cpus = [], []
        for _ in range(repeats):
            c0, w0 = time.process_time(), time.perf_counter()
            func()
            walls.append((time.perf_counter() - w0) * 1e3)
            cpus.append((time.process_time() - c0) * 1e3)
        record("model", func.__name__.replace("_", " "), "ms", walls, cpus, target=target * 1e3,
               judged_on="median cpu")


# ---------------------------------------------------------------------------
# widget frames
# ---------------------------------------------------------------------------

def intro_setup():
    """The introduction's two-slider figure (intro.md), as the book draws it."""
    import matplotlib.pyplot as plt
    import numpy as np

    import janus

    janus.style.use()
    relative_wage = np.linspace(0.005, 4.0, 400)

    def setup():
        fig, ax = plt.subplots(layout="constrained")
        (density,) = ax.plot(relative_wage, np.zeros_like(relative_wage))
        ax.axvline(1.0, color=janus.style.COLORS[2], linestyle="--", linewidth=1.5, label="median")
        mean_line = ax.axvline(1.0, color=janus.style.COLORS[1], linewidth=1.5, label="mean")
        note = ax.text(0.98, 0.75, "", transform=ax.transAxes, ha="right", va="top")
        ax.set(xlim=(0, 4), ylim=(0, 2.2), xlabel="wage / median wage", ylabel="density")
        ax.legend(loc="upper right")

        def update(beta, sigma):
            economy = janus.Economy(A=1000.0, beta=beta, sigma=sigma)
            median = economy.median
            density.set_ydata(economy.pdf(relative_wage * median) * median)
            ratio = economy.mean_median_ratio
            mean_line.set_xdata([ratio, ratio])
            note.set_text(f"τ = βσ = {economy.tau:.2f}\nmean / median = {ratio:.2f}")

        return fig, update

    return setup


def bench_frames(repeats):
    import io

    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from janus import widgets as jw

    setup = intro_setup()
    params = [{"beta": b, "sigma": s} for b in np.linspace(0.02, 0.06, 9) for s in (10, 15, 20)]
    # the widget's way: one figure, laid out once, only what changed redrawn, palette PNG
    fig, update = setup()
    update(**params[0])
    fig.canvas.draw()
    fig.set_layout_engine("none")
    renderer, encoder = jw.FrameRenderer(fig, jw.DPI), jw.FrameEncoder()
    for p in params[:2]:                             # the first frames draw the background
        update(**p)
        encoder.encode(renderer.render())

    parts = {"update": [], "draw": [], "encode": [], "note": []}
    note_ms = []                                     # drawing the figure's changing note

    def timed_note_draw(r, draw=fig.axes[0].texts[0].draw):
        t = time.perf_counter()
        draw(r)
        note_ms.append((time.perf_counter() - t) * 1e3)

    fig.axes[0].texts[0].draw = timed_note_draw

    def widget_frame(p):
        note_ms.clear()
        t0 = time.perf_counter()
        update(**p)
        t1 = time.perf_counter()
        rgba = renderer.render()
        t2 = time.perf_counter()
        png = encoder.encode(rgba)
        t3 = time.perf_counter()
        for key, dt in zip(parts, (t1 - t0, t2 - t1, t3 - t2)):
            parts[key].append(dt * 1e3)
        parts["note"].append(sum(note_ms))
        return png

    def new_figure_frame(p):
        f, u = setup()
        u(**p)
        buf = io.BytesIO()
        f.savefig(buf, format="png", dpi=jw.DPI, bbox_inches=None)
        plt.close(f)
        return buf.getvalue()

    def timed(func, p, walls, cpus, out):
        c0, w0 = time.process_time(), time.perf_counter()
        png = func(p)
        walls.append((time.perf_counter() - w0) * 1e3)
        cpus.append((time.process_time() - c0) * 1e3)
        out.append(len(png))

    # side by side: one widget frame, then one new figure, alternating (the widget's
    # frame comes right after a new figure has filled the caches with its own buffers)
    cold_w, cold_c, slow_w, slow_c, cold_sizes, naive_sizes = [], [], [], [], [], []
    for k in range(repeats):
        p = params[(k + 2) % len(params)]
        timed(widget_frame, p, cold_w, cold_c, cold_sizes)
        timed(new_figure_frame, p, slow_w, slow_c, naive_sizes)
    # as render_frames draws a widget: its frames one after another, every value in
    # turn; a few new figures between the passes, in the same run
    for key in parts:
        parts[key].clear()
    fast_w, fast_c, sizes = [], [], []
    for k in range(max(3, repeats // 5)):
        for p in params:
            timed(widget_frame, p, fast_w, fast_c, sizes)
        for p in params[k::9][:2]:
            timed(new_figure_frame, p, slow_w, slow_c, naive_sizes)
    old_sizes = []                                   # the frames as encoded before: 80 dpi RGBA
    for p in params[:9]:
        update(**p)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=80, bbox_inches=None, metadata={"Software": None})
        old_sizes.append(len(buf.getvalue()) / 1e3)
    plt.close(fig)
    width, height = (round(x * jw.DPI) for x in fig.get_size_inches())
    record("frames", f"bytes of a frame: {width}x{height} px, 4-bit palette PNG", "kB",
           [n / 1e3 for n in sizes])
    record("frames", f"bytes of a frame as before: {round(fig.get_size_inches()[0] * 80)} px wide, 80 dpi, RGBA PNG", "kB",
           old_sizes)
    record("frames", f"widget frame, drawn + encoded ({width}x{height} px)", "ms", fast_w, fast_c,
           target=15.0, note="frames one after another, as a chapter draws them",
           extra={"bytes": summary(sizes)})
    for key, what in (("update", "the chapter's update(): the model"),
                      ("draw", "redrawing what changed (Agg)"),
                      ("note", "(within Agg's part) drawing the note, two lines of text"),
                      ("encode", "palette PNG encoding (mapping the tiles that changed)")):
        record("frames", f"  of which {what}", "ms", parts[key])
    record("frames", "  the same frame right after a new figure was drawn", "ms", cold_w, cold_c,
           note="caches cold", extra={"bytes": summary(cold_sizes)})
    record("frames", "new figure per frame (the naive way)", "ms", slow_w, slow_c,
           extra={"bytes": summary(naive_sizes)})
    ratios_w = [s / f for s, f in zip(slow_w, cold_w)]
    ratios_c = [s / f for s, f in zip(slow_c, cold_c)]
    row = record("frames", "speed-up over a new figure per frame", "x", ratios_w, ratios_c,
                 note="pairwise ratios of the alternating frames, higher is better")
    row["target"] = 5.0
    row["met"] = bool(row["wall"]["median"] >= 5.0)
    row["target_kind"] = ">="


# ---------------------------------------------------------------------------
# the built site in Chromium
# ---------------------------------------------------------------------------

def site_pages():
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")
                  if p.relative_to(SITE).parts[0] not in {"_static", "_sources", "_images"}
                  and p.name not in {"genindex.html", "search.html", "index.html"})


LIVE_SLIDER = """() => {
  const box = document.querySelector('.janus-explore[data-live]');
  if (!box) return false;
  const input = box.querySelector('input[type="range"]');
  const img = box.querySelector('img');
  return !!img && img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 0
    && input.getBoundingClientRect().width > 0;
}"""

#: Focus the first slider of the page's first figure; returns its value and size.
FOCUS_SLIDER = """() => {
  const box = document.querySelector('.janus-explore[data-live]');
  box.scrollIntoView();
  const input = box.querySelector('input[type="range"]');
  input.focus();
  return [Number(input.value), Number(input.max)];
}"""

#: Before a key press: a promise (window.__janusLatency) of the times from the keydown
#: event (its timeStamp: when the browser received the key) to just after the browser
#: painted the figure's new picture (``shown``: a task queued from the first animation
#: frame after the img changed, so it runs once that frame is painted; the script swaps
#: in a picture only once it is decoded, so that frame shows it), and to the animation
#: frame after the new img's decode() promise also resolved (``painted``; Chromium
#: resolves decode() of an image decoded in advance only a frame later); null if the
#: picture does not change within 3 s.
ARM_LATENCY = """() => {
  const box = document.querySelector('.janus-explore[data-live]');
  const input = box.querySelector('input[type="range"]');
  const before = box.querySelector('img').getAttribute('src');
  window.__janusLatency = new Promise((resolve) => {
    let t0 = null;
    const changed = () => {
      const img = box.querySelector('img');
      if (t0 === null || !img || img.getAttribute('src') === before) return false;
      observer.disconnect();
      const out = {};
      requestAnimationFrame(() => setTimeout(() => { out.shown = performance.now() - t0; }, 0));
      img.decode().catch(() => {}).then(() =>
        requestAnimationFrame(() => { out.painted = performance.now() - t0; resolve(out); }));
      return true;
    };
    const observer = new MutationObserver(changed);
    input.addEventListener('keydown', (e) => { t0 = e.timeStamp; }, {once: true, capture: true});
    observer.observe(box, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
    setTimeout(() => { observer.disconnect(); resolve(null); }, 3000);
  });
}"""


#: The browser's own floor for the same measurement: a plain range input with no script
#: of ours, put just before the page's first figure (and left there), focused; before a
#: key press, a promise (window.__janusBare) of the time from the keydown event to a
#: task queued from the first animation frame after the input's value changed (so it
#: runs once the frame that shows the moved thumb is painted).
ARM_BARE = """() => {
  const box = document.querySelector('.janus-explore[data-live]');
  let input = document.getElementById('janus-bench-bare');
  if (!input) {
    input = document.createElement('input');
    Object.assign(input, {type: 'range', min: 0, max: 100, value: 50, id: 'janus-bench-bare'});
    box.parentNode.insertBefore(input, box);
  }
  input.focus();
  window.__janusBare = new Promise((resolve) => {
    let t0 = null;
    input.addEventListener('keydown', (e) => { t0 = e.timeStamp; }, {once: true, capture: true});
    input.addEventListener('input', () => {
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    }, {once: true});
    setTimeout(() => resolve(null), 3000);
  });
}"""


def bare_latencies(page, presses: int) -> list[float]:
    """Press arrow keys on a plain range input put before the page's first figure:
    milliseconds to the painted frame that shows its moved thumb (:data:`ARM_BARE`)."""
    out = []
    for k in range(presses):
        page.evaluate(ARM_BARE)
        page.keyboard.press("ArrowRight" if (k // 10) % 2 == 0 else "ArrowLeft")
        ms = page.evaluate("() => window.__janusBare")
        if ms is not None:
            out.append(ms)
        page.wait_for_timeout(60)
    return out


def percentile95(values: list[float]) -> float:
    """The 95th percentile of ``values``: the smallest that at least 95 % do not exceed."""
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def slider_latencies(page, presses: int) -> list[dict]:
    """Press arrow keys on the first slider of the page: milliseconds to the new picture
    (``painted`` and ``shown``, see :data:`ARM_LATENCY`)."""
    value, top = page.evaluate(FOCUS_SLIDER)
    page.wait_for_timeout(200)
    step = 1 if value < top else -1
    out = []
    for _ in range(presses):
        if not 0 <= value + step <= top:
            step = -step
        page.evaluate(ARM_LATENCY)
        page.keyboard.press("ArrowRight" if step > 0 else "ArrowLeft")
        value += step
        ms = page.evaluate("() => window.__janusLatency")
        if ms is not None and "shown" in ms:
            out.append(ms)
        page.wait_for_timeout(60)
    return out


def bench_browser(repeats, latency_presses):
    if not (SITE / "intro.html").exists():
        print("browser  skipped: no built site (run make book)")
        return
    chromium = os.environ.get("JANUS_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        print(f"browser  skipped: no Chromium at {chromium}")
        return
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=args)
            latencies, bare = [], []
            for page_path in site_pages():
                has_widget = '<div class="janus-explore"' in (SITE / page_path).read_text(encoding="utf-8", errors="replace")
                loads, raw, packed, before_load = [], [], [], []
                for _ in range(repeats):
                    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                                  service_workers="block")
                    page = context.new_page()
                    bodies = []
                    page.on("response", lambda r, bodies=bodies: bodies.append(r))
                    start = time.perf_counter()
                    page.goto(base + page_path, wait_until="load" if not has_widget else "commit")
                    if has_widget:
                        page.wait_for_function(LIVE_SLIDER, timeout=60_000, polling="raf")
                    loads.append(time.perf_counter() - start)
                    page.wait_for_load_state("load")
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(500)
                    load_ms = page.evaluate("() => performance.timeOrigin + "
                                            "performance.getEntriesByType('navigation')[0].loadEventEnd")
                    size = zipped = at_load = 0
                    for response in bodies:
                        if not response.url.startswith(base):
                            continue              # blob: and data: URLs are not transferred
                        try:
                            body = response.body()
                        except Exception:      # a redirect or an aborted request has none
                            continue
                        size += len(body)
                        zipped += len(gzip.compress(body, 6))
                        timing = response.request.timing
                        if timing["startTime"] + max(timing["responseEnd"], 0) <= load_ms:
                            at_load += len(gzip.compress(body, 6))
                    before_load.append(at_load / 1e6)
                    raw.append(size / 1e6)
                    packed.append(zipped / 1e6)
                    if has_widget and len(loads) == 1 and latency_presses:
                        latencies += slider_latencies(page, latency_presses)
                        bare += bare_latencies(page, latency_presses)
                    context.close()
                what = "first live slider" if has_widget else "load event (no slider)"
                record("browser", f"{page_path}: cold load to {what}", "s", loads, target=2.5)
                record("browser", f"{page_path}: bytes (gzip), all the page loads", "MB", packed,
                       target=2.0, extra={"uncompressed_mb": summary(raw)})
                record("browser", f"{page_path}: bytes (gzip) before its load event", "MB", before_load)
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    if latencies:
        shown = [x["shown"] for x in latencies]
        decoded = [x["painted"] for x in latencies]
        p95 = percentile95(shown)
        record("browser", "slider key press to the new frame painted", "ms", shown, target=16.0,
               note=f"p95 {p95:.1f} ms (target < 50 ms); all pages' first widgets",
               extra={"p95": p95, "p95_met": bool(p95 < 50.0)})
        p95 = percentile95(decoded)
        record("browser", "  the same until its decode() promise resolved too", "ms", decoded,
               note=f"p95 {p95:.1f} ms; Chromium resolves it a frame after the paint")
    if bare:
        p95 = percentile95(bare)
        record("browser", "  the browser's floor: a plain range input, no script, on the same pages",
               "ms", bare, note=f"p95 {p95:.1f} ms; key press to the frame with its thumb moved")


# ---------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------

def write_outputs(info, args):
    info["load_average_end"] = os.getloadavg()
    OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_JSON.write_text(json.dumps({"machine": info, "results": RESULTS}, indent=1))
    if args.no_table:
        return
    lines = [
        "<!-- Written by benchmarks/run.py (make bench); do not edit by hand. -->",
        "",
        f"Measured {info['date'][:16].replace('T', ' ')} UTC at commit `{info.get('commit', '?')}` "
        f"on {info.get('cpu', 'an unknown CPU')}, {info['cores']} cores, "
        f"{info.get('memory_gib', '?')} GiB, Python {info['python']}; load average "
        f"{info['load_average_start'][0]:.1f} at the start and {info['load_average_end'][0]:.1f} "
        "at the end (the number of processes wanting a core; above "
        f"{info['cores']} they wait).",
        "",
        "| case | wall median [min, max] | CPU median | target | met |",
        "|---|---|---|---|---|",
    ]
    for row in RESULTS:
        u = row["unit"]
        wall = row.get("wall")
        cpu = row.get("cpu")
        cell = f"{fmt(wall['median'], u)} [{fmt(wall['min'], u)}, {fmt(wall['max'], u)}] {u}" if wall else ""
        ccell = f"{fmt(cpu['median'], u)} {u}" if cpu else ""
        if row["target"] is None:
            target, met = "", ""
        else:
            sign = row.get("target_kind", "<")
            target = f"{sign} {fmt(row['target'], u)} {u}" + (" (CPU)" if row["judged_on"].endswith("cpu") else "")
            met = "yes" if row["met"] else "**no**"
        name = row["name"] + (f" ({row['note']})" if row["note"] else "")
        lines.append(f"| {name} | {cell} | {ccell} | {target} | {met} |")
    lines.append("")
    OUT_TABLE.parent.mkdir(parents=True, exist_ok=True)
    OUT_TABLE.write_text("\n".join(lines))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=["build", "import", "frames", "model", "browser"],
                        default=["import", "frames", "model", "build", "browser"])
    parser.add_argument("--clean-builds", type=int, default=1, help="clean builds to time")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-table", action="store_true",
                        help="write only the JSON, not appendix/bench_table.md")
    args = parser.parse_args(argv)
    info = machine()
    print(f"machine: {info.get('cpu', '?')}, {info['cores']} cores, load average "
          f"{info['load_average_start'][0]:.1f}; commit {info.get('commit', '?')}")
    if "import" in args.only:
        bench_import(max(args.repeats, 7))
    if "frames" in args.only:
        bench_frames(max(args.repeats, 15))
    if "model" in args.only:
        bench_model(args.repeats)
    if "build" in args.only:
        bench_build({"clean": args.clean_builds, "unchanged": 3, "edit": 1})
    if "browser" in args.only:
        bench_browser(3, 30)
    write_outputs(info, args)
    print(f"wrote {OUT_JSON.relative_to(ROOT)}" + ("" if args.no_table else f" and {OUT_TABLE.relative_to(ROOT)}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
