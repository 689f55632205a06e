"""Tests of janus.widgets: frames that match the figure, alt texts, limits and bad input."""

from __future__ import annotations

import base64
import io
import json
from html.parser import HTMLParser

import ipywidgets
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from janus import widgets as jw

#: The axes end at this fraction of the figure height; above it only the corner text is drawn.
AXES_TOP = 0.78


@pytest.fixture(autouse=True)
def small_frames(request, monkeypatch):
    """Frames at 80 dpi: what these tests check does not depend on the resolution, and
    small frames keep them fast (the test of the frame size uses the book's ``DPI``)."""
    if request.function is not test_frames_have_one_size_and_the_figure_is_closed:
        monkeypatch.setattr(jw, "DPI", 80)


def decode(png: bytes) -> np.ndarray:
    return plt.imread(io.BytesIO(png), format="png")


def point_setup(calls=None):
    """A figure with one point at (x, y), and a fixed layout (no layout engine)."""
    def setup():
        fig = plt.figure(figsize=(4, 3))
        ax = fig.add_axes([0.15, 0.15, 0.8, AXES_TOP - 0.15])
        ax.set(xlim=(0, 5), ylim=(0, 5))
        (point,) = ax.plot([0], [0], "o", markersize=12)

        def update(x, y=2.5):
            if calls is not None:
                calls.append({"x": x, "y": y})
            point.set_data([x], [y])
        return fig, update
    return setup


def fresh_render(setup, **params) -> np.ndarray:
    """What ``update(**params)`` draws on a new figure in one full draw (RGBA, 0-255).

    explore instead redraws only what changed from one frame to the next."""
    fig, update = setup()
    update(**params)
    fig.set_dpi(jw.DPI)
    fig.canvas.draw()
    rgba = np.array(fig.canvas.buffer_rgba())
    plt.close(fig)
    return rgba


def as_frame(png: bytes, rgba: np.ndarray) -> np.ndarray:
    """``rgba`` quantized to the palette of the frame ``png`` as encode_png maps colours
    (5 bits a channel, palette colours exactly), decoded like ``decode``."""
    from PIL import Image

    palette = Image.open(io.BytesIO(png)).getpalette()
    pal = np.asarray(palette, dtype=np.int64).reshape(-1, 3)
    lut = jw._palette_lut(tuple(map(tuple, pal.tolist())))
    bins = ((rgba[..., 0] >> 3).astype(np.int64) << 10) | ((rgba[..., 1] >> 3).astype(np.int64) << 5) \
        | (rgba[..., 2] >> 3)
    rgb = pal[lut[bins]]
    return (np.concatenate([rgb, np.full(rgb.shape[:2] + (1,), 255)], axis=-1) / 255.0).astype(np.float32)


def below_corner(img: np.ndarray) -> np.ndarray:
    """The part of a frame under the corner text (image rows run top to bottom)."""
    return img[int(np.ceil((1 - AXES_TOP) * img.shape[0])) + 2:]


def frames_of(widget) -> dict[tuple[int, ...], ipywidgets.Image]:
    """The frame images of an explore widget by index, read from the widget tree."""
    stack = widget.children[-1]
    out = {}
    for i, child in enumerate(stack.children):
        if isinstance(child, ipywidgets.Stack):
            for j, image in enumerate(child.children):
                out[(i, j)] = image
        else:
            out[(i,)] = child
    return out


def test_one_control_frames_match_fresh_renders_and_differ():
    xs = [0.5, 1.5, 2.5, 3.5, 4.5]
    calls = []
    setup = point_setup(calls)
    w = jw.explore(setup, x=xs, alt="A point at x = {x}")
    images = frames_of(w)
    assert sorted(images) == [(i,) for i in range(len(xs))]
    # update got exactly the grid values, in order, after one layout call
    assert [c["x"] for c in calls[-len(xs):]] == xs
    arrays = [decode(images[(i,)].value) for i in range(len(xs))]
    for i, x in enumerate(xs):
        fresh = as_frame(images[(i,)].value, fresh_render(setup, x=x))
        np.testing.assert_array_equal(below_corner(arrays[i]), below_corner(fresh))
    # every pair of frames differs, in the figure and in the printed values
    for a in range(len(xs)):
        for b in range(a + 1, len(xs)):
            assert not np.array_equal(below_corner(arrays[a]), below_corner(arrays[b]))
            assert not np.array_equal(arrays[a][:20], arrays[b][:20])


def test_two_controls_make_a_grid_in_nested_stacks():
    xs, ys = [1, 2, 3, 4], [1.0, 2.5, 4.0]
    setup = point_setup()
    w = jw.explore(setup, x=xs, y=ys, alt="A point at ({x}, {y})")
    sliders, stack = w.children[:-1], w.children[-1]
    assert [type(s) for s in sliders] == [ipywidgets.SelectionSlider] * 2
    assert isinstance(stack, ipywidgets.Stack) and len(stack.children) == len(xs)
    images = frames_of(w)
    assert sorted(images) == [(i, j) for i in range(len(xs)) for j in range(len(ys))]
    seen = set()
    for (i, j), image in images.items():
        assert isinstance(image, ipywidgets.Image) and image.format == "png"
        got = decode(image.value)
        fresh = as_frame(image.value, fresh_render(setup, x=xs[i], y=ys[j]))
        np.testing.assert_array_equal(below_corner(got), below_corner(fresh))
        assert image.tooltip == f"A point at ({xs[i]}, {ys[j]})"
        seen.add(image.value)
    assert len(seen) == len(xs) * len(ys)


def test_frames_have_one_size_and_the_figure_is_closed():
    figures = []

    def setup():
        fig, ax = plt.subplots(layout="constrained")
        figures.append(fig)
        title = ax.set_title("")
        (line,) = ax.plot([0, 1], [0, 1])

        def update(n):
            title.set_text("a much longer title " * n)   # would move a live layout
            line.set_ydata([0, n])
        return fig, update

    frames, _ = jw.render_frames(setup, n=[1, 2, 3], alt="{n}")
    shapes = {decode(f.png).shape for f in frames}
    width, height = plt.rcParams["figure.figsize"]
    assert len(shapes) == 1
    (shape,) = shapes
    assert abs(shape[0] - height * jw.DPI) <= 1 and abs(shape[1] - width * jw.DPI) <= 1
    assert len(figures) == 1 and not plt.fignum_exists(figures[0].number)


def test_alt_text_per_frame_from_a_template_and_a_callable():
    betas = np.linspace(0.02, 0.08, 4)
    w = jw.explore(point_setup(), x=betas * 50, alt="Point when x = {x:.1f}")
    assert [im.tooltip for im in frames_of(w).values()] == [f"Point when x = {x:.1f}" for x in betas * 50]
    w = jw.explore(point_setup(), x=[1, 2], y=[3, 4], alt=lambda x, y: f"sum {x + y}")
    assert sorted(im.tooltip for im in frames_of(w).values()) == ["sum 4", "sum 5", "sum 5", "sum 6"]
    with pytest.raises(ValueError, match="tau"):
        jw.explore(point_setup(), x=[1, 2], alt="{tau}")
    with pytest.raises(ValueError, match="non-empty"):
        jw.explore(point_setup(), x=[1, 2], alt=lambda x: " ")


def test_sliders_labels_formats_and_initial_values():
    w = jw.explore(point_setup(), x=[0.5, 1.25, 2.0, 4.0], y=[1, 2, 3], labels={"x": "ξ"},
                   formats={"x": "{:.2f}"}, initial={"x": 1.9, "y": 3}, alt="{x} {y}")
    sx, sy, stack = w.children
    assert (sx.description, sy.description) == ("ξ", "y")
    assert list(sx.options) == [("0.50", 0.5), ("1.25", 1.25), ("2.00", 2.0), ("4.00", 4.0)]
    assert sx.value == 2.0 and sy.value == 3
    assert (sx.index, sy.index) == (2, 2)            # nearest values 2.0 and 3
    assert stack.selected_index == 2
    assert {inner.selected_index for inner in stack.children} == {2}
    # default: the middle value
    w = jw.explore(point_setup(), x=[1, 2, 3, 4, 5], alt="{x}")
    assert w.children[0].label == "3" and w.children[-1].selected_index == 2
    assert jw.DOM_CLASS in w._dom_classes


def test_size_and_frame_limits():
    rng = np.random.default_rng(1)

    def noisy():
        fig, ax = plt.subplots()
        image = ax.imshow(rng.random((60, 60, 3)))

        def update(k):
            image.set_data(rng.random((300, 500, 3)))   # incompressible PNG
        return fig, update

    with pytest.raises(ValueError, match="MB"):
        jw.explore(noisy, k=range(20), alt="noise {k}")
    assert not plt.get_fignums()

    calls = []
    with pytest.raises(ValueError, match=f"at most {jw.MAX_FRAMES}"):
        jw.explore(point_setup(calls), x=range(jw.MAX_FRAMES + 1), alt="{x}")
    with pytest.raises(ValueError, match="frames"):
        jw.explore(point_setup(calls), x=range(10), y=range(10), alt="{x}")
    assert calls == []                                  # refused before drawing


@pytest.mark.parametrize("controls, error, match", [
    ({}, ValueError, "one or two controls"),
    ({"x": [1], "y": [2], "z": [3]}, ValueError, "one or two controls"),
    ({"x": []}, ValueError, "control x"),
    ({"x": [1.0, np.nan]}, ValueError, "control x .*finite"),
    ({"x": [1.0], "y": [0.0, np.inf]}, ValueError, "control y .*finite"),
    ({"x": [[1, 2], [3, 4]]}, ValueError, "control x .*1-d"),
    ({"x": [1, 2, 2]}, ValueError, "control x .*repeat"),
    ({"x": "123"}, TypeError, "control x"),
    ({"x": 3.0}, TypeError, "control x"),
    ({"x": [True, False]}, TypeError, "control x"),
    ({"x": [1, "a"]}, TypeError, "control x"),
])
def test_bad_controls_raise_naming_the_control(controls, error, match):
    with pytest.raises(error, match=match):
        jw.explore(point_setup(), alt="a point", **controls)


def test_bad_options_raise():
    with pytest.raises(ValueError, match="labels names z"):
        jw.explore(point_setup(), x=[1, 2], labels={"z": "zeta"}, alt="{x}")
    with pytest.raises(ValueError, match="initial names y"):
        jw.explore(point_setup(), x=[1, 2], initial={"y": 1}, alt="{x}")
    with pytest.raises(ValueError, match="look the same"):
        jw.explore(point_setup(), x=[1.01, 1.02], formats={"x": "{:.1f}"}, alt="{x}")
    with pytest.raises(TypeError, match="setup"):
        jw.explore(lambda: plt.figure(), x=[1, 2], alt="{x}")
    plt.close("all")


def _limits_title_legend():
    fig, (ax, bx) = plt.subplots(2, 1, layout="constrained")
    (line,) = ax.plot([0, 1], [0, 1], label="a")
    (dot,) = bx.plot([0.5], [0.5], "o")
    ax.legend(loc="best")                        # moves with the data
    bx.set(xlim=(0, 1), ylim=(0, 1))

    def update(a):
        line.set_ydata([0, a])
        ax.relim()
        ax.autoscale_view()                      # new limits and ticks
        ax.set_title(f"a = {a}")
        dot.set_data([a / 3], [0.5])
    return fig, update


def _twin_axes_and_labels():
    fig, ax = plt.subplots()
    ax.set(xlim=(0, 3), ylim=(0, 3))
    twin = ax.twinx()
    twin.set_ylim(0, 10)
    (line,) = ax.plot([0, 1], [0, 1], zorder=5)
    (flat,) = twin.plot([0, 3], [5, 5])
    note = fig.text(0.1, 0.95, "")

    def update(a):
        line.set_ydata([0, a])
        if a == 3:
            flat.set_ydata([a, a])               # only some frames change the twin axes
        ax.set_xlabel("large" if a > 2 else "small")
        note.set_text(f"{a}")
    return fig, update


@pytest.mark.parametrize("setup", [_limits_title_legend, _twin_axes_and_labels])
def test_redrawing_only_what_changed_gives_the_pixels_of_a_full_redraw(setup):
    values = [1, 3, 2.5, 2.5]
    fig, update = setup()
    update(values[0])
    fig.canvas.draw()
    fig.set_layout_engine("none")
    renderer = jw.FrameRenderer(fig, 60)
    reference, ref_update = setup()
    ref_update(values[0])
    reference.canvas.draw()
    reference.set_layout_engine("none")
    reference.set_dpi(60)
    for a in values:
        update(a)
        got = renderer.render().copy()
        ref_update(a)
        reference.canvas.draw()
        np.testing.assert_array_equal(got, np.asarray(reference.canvas.buffer_rgba()))
    assert renderer.partial_draws >= 1        # and some frames were not drawn in full
    plt.close(fig)
    plt.close(reference)


# ---------------------------------------------------------------------------
# The static HTML component (StaticExplorer), used when the book is built
# ---------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def live_kernel(monkeypatch):
    """Every test starts as in a live kernel: the build's variable is not set."""
    monkeypatch.delenv(jw.STATIC_ENV, raising=False)


class _Component(HTMLParser):
    """The elements of a StaticExplorer's HTML: attributes, text and nesting."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "",
                   "parents": [e["tag"] + "." + e["attrs"].get("class", "") for e in self.open]}
        self.elements.append(element)
        if tag not in {"img", "input"}:             # void elements have no end tag
            self.open.append(element)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1]["tag"] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data):
        for element in self.open:
            element["text"] += data

    def find(self, tag):
        return [e for e in self.elements if e["tag"] == tag]


def parse_component(markup: str) -> _Component:
    parser = _Component()
    parser.feed(markup)
    parser.close()
    assert not parser.open, "unclosed elements"
    return parser


def grid_setup():
    """A figure with a point at (x, y) and a title that tells the values apart."""
    def setup():
        fig = plt.figure(figsize=(3, 2.5))
        ax = fig.add_axes([0.15, 0.15, 0.8, 0.6])
        ax.set(xlim=(0, 5), ylim=(0, 5))
        (point,) = ax.plot([0], [0], "o")

        def update(x, y):
            point.set_data([x], [y])
        return fig, update
    return setup


AWKWARD = 'a<b & "c"'
OPTIONS = dict(x=[0.5, 2.0, 3.25], y=[1, 4], labels={"x": AWKWARD, "y": "η"},
               formats={"x": "{:.2f}"}, initial={"x": 3.0, "y": 1},
               alt=lambda x, y: f"Point </script><b> at ({x}, {y}) & 'more'")


def test_static_component_shows_the_frames_of_render_frames(monkeypatch):
    expected, info = jw.render_frames(grid_setup(), **OPTIONS)
    monkeypatch.setenv(jw.STATIC_ENV, "1")
    fig = jw.explore(grid_setup(), **OPTIONS)
    assert isinstance(fig, jw.StaticExplorer)
    markup = fig._repr_html_()
    page = parse_component(markup)
    (root,) = [e for e in page.elements if not e["parents"]]
    assert root["tag"] == "div" and root["attrs"]["class"] == jw.DOM_CLASS
    assert markup.count("<div") == markup.count("</div>")

    # one row per control: the label, a range over the indices, the formatted value
    xs, ys = ["0.50", "2.00", "3.25"], ["1", "4"]
    start = {"x": 2, "y": 0}                        # the nearest values to 3.0 and 1
    labels, inputs, outputs = page.find("label"), page.find("input"), page.find("output")
    assert [e["text"] for e in labels] == [AWKWARD, "η"]
    assert AWKWARD not in markup and "a&lt;b &amp; &quot;c&quot;" in markup
    for k, (name, shown) in enumerate([("x", xs), ("y", ys)]):
        a = inputs[k]["attrs"]
        assert (a["type"], a["min"], a["max"], a["step"], a["value"]) == \
            ("range", "0", str(len(shown) - 1), "1", str(start[name]))
        assert a["aria-valuetext"] == shown[start[name]] == outputs[k]["text"]
        assert labels[k]["attrs"]["for"] == a["id"] == outputs[k]["attrs"]["for"]
    assert len({i["attrs"]["id"] for i in inputs}) == 2

    # the image: the initial frame (x = 3.25, y = 1 is frame 2 * 2 + 0), its size and alt
    (img,) = page.find("img")
    initial = expected[start["x"] * len(ys) + start["y"]]
    assert initial.params == {"x": 3.25, "y": 1}
    prefix = "data:image/png;base64,"
    assert img["attrs"]["src"].startswith(prefix)
    assert base64.b64decode(img["attrs"]["src"][len(prefix):]) == initial.png
    assert img["attrs"]["alt"] == initial.alt == "Point </script><b> at (3.25, 1) & 'more'"
    height, width = decode(initial.png).shape[:2]
    assert (img["attrs"]["width"], img["attrs"]["height"]) == (str(width), str(height))
    css = dict(part.split(":") for part in img["attrs"]["style"].replace(" ", "").split(";") if part)
    assert css["width"] == f"{3 * jw.COLUMN_PX / jw.FIGURE_WIDTH_IN:.0f}px"
    assert css["max-width"] == "100%"

    # the JSON: every frame, row-major, exactly render_frames' PNGs and alt texts
    (script,) = page.find("script")
    assert script["attrs"]["type"] == "application/json"
    assert "</" not in script["text"] and "<" not in script["text"]
    data = json.loads(script["text"])
    assert [c["values"] for c in data["controls"]] == [xs, ys]
    assert [c["label"] for c in data["controls"]] == [AWKWARD, "η"]
    assert [c["initial"] for c in data["controls"]] == [2, 0]
    assert len(data["frames"]) == len(expected) == 6
    for got, want in zip(data["frames"], expected):
        assert base64.b64decode(got["src"][len(prefix):]) == want.png
        assert got["alt"] == want.alt
    assert [f.params for f in expected] == [{"x": x, "y": y} for x in [0.5, 2.0, 3.25] for y in [1, 4]]
    assert len({f["src"] for f in data["frames"]}) == 6


def test_the_build_variable_switches_explore_to_html_without_widgets(monkeypatch):
    made = []
    init = ipywidgets.Widget.__init__

    def counting(self, *args, **kwargs):
        made.append(type(self).__name__)
        init(self, *args, **kwargs)

    monkeypatch.setattr(ipywidgets.Widget, "__init__", counting)
    live = jw.explore(point_setup(), x=[1, 2, 3], alt="x = {x}")
    assert isinstance(live, ipywidgets.VBox) and "SelectionSlider" in made
    assert not hasattr(live, "_repr_html_")
    for value in ("0", ""):                         # only "1" switches
        monkeypatch.setenv(jw.STATIC_ENV, value)
        assert isinstance(jw.explore(point_setup(), x=[1, 2], alt="x = {x}"), ipywidgets.VBox)
    made.clear()
    monkeypatch.setenv(jw.STATIC_ENV, "1")
    static = jw.explore(point_setup(), x=[1, 2, 3], alt="x = {x}")
    assert isinstance(static, jw.StaticExplorer) and made == []
    assert [f.alt for f in static.frames] == ["x = 1", "x = 2", "x = 3"]
    assert repr(static) == "<StaticExplorer: 3 frames (3 x)>"
    # the same checks of the arguments as the widgets
    with pytest.raises(ValueError, match="one or two controls"):
        jw.explore(point_setup(), alt="nothing")


def test_static_explorer_needs_one_frame_per_combination():
    frames, info = jw.render_frames(point_setup(), x=[1, 2, 3], alt="x = {x}")
    with pytest.raises(ValueError, match="one frame per combination"):
        jw.StaticExplorer(frames[:2], info)
