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


def nearest_in_palette(rgb: np.ndarray, pal: np.ndarray) -> np.ndarray:
    """The palette colour nearest to the centre of each colour's bin of 8 levels a channel
    (the first one on a tie), found by comparing with every entry."""
    centre = (rgb[..., :3].astype(np.int64) // 8) * 8 + 4
    dist = ((centre[..., None, :] - pal.astype(np.int64)) ** 2).sum(axis=-1)
    return pal[np.argmin(dist, axis=-1)]


def as_frame(png: bytes, rgba: np.ndarray) -> np.ndarray:
    """``rgba`` mapped to the palette of the frame ``png`` as encode_png documents it
    (nearest_in_palette), decoded like ``decode``."""
    from PIL import Image

    pal = np.asarray(Image.open(io.BytesIO(png)).getpalette(), dtype=np.int64).reshape(-1, 3)
    rgb = nearest_in_palette(rgba, pal)
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


def match_full_redraws(renderer, update, reference, ref_update, values, on_frame=None):
    """Draw the frame of each value with ``renderer`` and check it against a full redraw
    of ``reference`` (the same figure, made anew); return whether each frame was drawn
    in part. ``on_frame(a)`` runs before each frame."""
    partial = []
    for a in values:
        if on_frame is not None:
            on_frame(a)
        update(a)
        before = renderer.partial_draws
        got = renderer.render().copy()
        partial.append(renderer.partial_draws > before)
        ref_update(a)
        reference.canvas.draw()
        np.testing.assert_array_equal(got, np.asarray(reference.canvas.buffer_rgba()),
                                      err_msg=f"frame a = {a}")
    return partial


def frames_against_full_redraws(setup, values, dpi, on_frame=None, watch=None):
    """Make the figure of ``setup`` twice; draw the frame of each value on one with a
    FrameRenderer (after a first full draw) and on the other in full, and check that
    they agree (:func:`match_full_redraws`). ``watch(fig)`` runs on the first figure
    before anything is drawn. Return the renderer and whether each frame was drawn in part."""
    fig, update = setup()
    if watch is not None:
        watch(fig)
    update(values[0])
    fig.canvas.draw()
    renderer = jw.FrameRenderer(fig, dpi)
    reference, ref_update = setup()
    reference.set_dpi(dpi)
    try:
        partial = match_full_redraws(renderer, update, reference, ref_update, values, on_frame)
    finally:
        plt.close(fig)
        plt.close(reference)
    return renderer, partial


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
    match_full_redraws(renderer, update, reference, ref_update, values)
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


# ---------------------------------------------------------------------------
# encode_png: palette frames
# ---------------------------------------------------------------------------

def decode_rgba(png: bytes) -> np.ndarray:
    """A PNG file decoded by Pillow, as RGBA bytes."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image.load()
        return np.asarray(image.convert("RGBA"))


def figure_like(rng, height, width, colours, extra=()):
    """A white image with bands of ``colours`` and scattered pixels of ``extra``."""
    img = np.full((height, width, 4), 255, dtype=np.uint8)
    for k, colour in enumerate(colours):
        img[:, 3 * k:3 * k + 3, :3] = colour
        img[2 * k:2 * k + 2, :, :3] = colour
    for colour in extra:
        img[rng.integers(0, height), rng.integers(0, width), :3] = colour
    return img


@pytest.mark.parametrize("n_colours, width", [(2, 37), (3, 41), (4, 8), (9, 33), (16, 101)])
def test_encode_png_keeps_the_colours_of_a_frame_with_a_few_colours(n_colours, width):
    """1, 2 and 4 bits a pixel, widths that do not fill the last byte of a row."""
    from PIL import Image

    rng = np.random.default_rng(n_colours)
    colours = [tuple(int(v) for v in rng.integers(0, 32, 3) * 8) for _ in range(n_colours - 1)]
    img = figure_like(rng, 60, width + 3 * n_colours, colours)
    assert len(np.unique(img.reshape(-1, 4), axis=0)) == n_colours
    png = jw.encode_png(img)
    with Image.open(io.BytesIO(png)) as image:
        assert image.mode == "P" and len(image.getpalette()) == 3 * n_colours
    assert png[24:26] == bytes([1 if n_colours <= 2 else 2 if n_colours <= 4 else 4, 3])  # IHDR
    np.testing.assert_array_equal(decode_rgba(png), img)
    np.testing.assert_array_equal((decode(png) * 255).round().astype(np.uint8), img)


def test_encode_png_maps_other_colours_to_the_nearest_palette_colour():
    """Anti-aliased pixels: the rule of the docstring, checked against every palette entry."""
    from PIL import Image

    rng = np.random.default_rng(7)
    colours = [(0, 114, 178), (213, 94, 0), (0, 158, 115), (51, 51, 51), (221, 221, 221)]
    extra = [tuple(int(v) for v in rng.integers(0, 256, 3)) for _ in range(300)]
    img = figure_like(rng, 120, 200, colours, extra)
    png = jw.encode_png(img)
    pal = np.asarray(Image.open(io.BytesIO(png)).getpalette(), dtype=np.int64).reshape(-1, 3)
    assert {(255, 255, 255), *colours} <= {tuple(c) for c in pal.tolist()}
    got = decode_rgba(png)
    np.testing.assert_array_equal(got[..., :3], nearest_in_palette(img, pal))
    in_palette = (img[..., None, :3] == pal).all(axis=-1).any(axis=-1)
    np.testing.assert_array_equal(got[in_palette], img[in_palette])
    assert (got[..., 3] == 255).all()


def test_encode_png_never_maps_a_new_colour_of_the_next_frame_to_an_old_one():
    """Frames of one widget in turn: a colour that appears only in a later frame keeps
    its colour, and a colour that disappears leaves the palette."""
    from PIL import Image

    rng = np.random.default_rng(3)
    first = figure_like(rng, 80, 90, [(0, 114, 178), (51, 51, 51)])
    second = first.copy()
    second[40:44, :, :3] = (230, 159, 0)                 # a new line, 5 % of the pixels
    third = first.copy()
    third[:, :6, :3] = 255                                # the blue band is gone
    for img in (first, second, third, second):
        png = jw.encode_png(img)
        np.testing.assert_array_equal(decode_rgba(png), img)
        pal = {tuple(c) for c in np.asarray(Image.open(io.BytesIO(png)).getpalette()).reshape(-1, 3)}
        assert pal == {tuple(c) for c in np.unique(img.reshape(-1, 4)[:, :3], axis=0)}


def test_encode_png_keeps_white_exact_next_to_an_almost_white():
    """Colours within a few levels of each other cannot both be in the palette (Pillow's
    mapping would not tell them apart): the more frequent keeps its colour exactly and the
    other takes the nearest one, one level away."""
    img = np.full((50, 64, 4), 255, dtype=np.uint8)
    img[:20, :, :3] = 254
    img[30:, :8, :3] = (0, 114, 178)
    png = jw.encode_png(img)
    assert png[24:26] == bytes([1, 3])                   # two colours: white and blue
    got = decode_rgba(png)
    white = (img[..., :3] == 255).all(axis=-1)
    np.testing.assert_array_equal(got[white], img[white])
    np.testing.assert_array_equal(got[30:, :8], img[30:, :8])
    assert np.abs(got.astype(int) - img).max() == 1


def test_encode_png_keeps_transparency_and_many_colours():
    rng = np.random.default_rng(5)
    img = rng.integers(0, 256, (30, 40, 4), dtype=np.uint8)
    np.testing.assert_array_equal(decode_rgba(jw.encode_png(img)), img)     # RGBA, lossless
    img[..., 3] = 255
    got = decode_rgba(jw.encode_png(img))                                   # 256 colours
    assert got.shape == img.shape and np.abs(got.astype(int) - img).mean() < 40


def _frame_sequence(rng, height, width):
    """Frames of one "widget" in turn: a moving band and spot (with anti-aliased-like
    stray pixels), a new colour in some frames, a band that leaves the palette, the
    edge strips beyond the last whole tile changing alone, transparency, a photo."""
    base = figure_like(rng, height, width, [(0, 114, 178), (51, 51, 51), (221, 221, 221)])
    frames = []
    for k in range(14):
        img = base.copy()
        x = (7 * k) % (width - 12)
        img[5:40, x:x + 9, :3] = (213, 94, 0)                        # moves
        for _ in range(25):                                           # blends, a few each
            img[rng.integers(0, height), rng.integers(0, width), :3] = rng.integers(0, 256, 3)
        if k in (4, 5):
            img[height // 2:height // 2 + 6, :, :3] = (0, 158, 115)   # a new colour
        if k == 6:
            img[:, :9, :3] = 255                                      # the blue band is gone
        if k == 7:
            img[-3:, -3:, :3] = (51, 51, 51)                          # only the edge strips
        if k == 8:
            img[10, 10, 3] = 128                                      # transparency
        if k == 10:
            img[:, :, :3] = rng.integers(0, 256, (height, width, 3))  # a photo: 256 colours
        frames.append(img)
    return frames


@pytest.mark.parametrize("height, width", [(100, 130), (96, 128), (20, 200), (70, 31)])
def test_frame_encoder_gives_the_bytes_of_encode_png_for_every_frame(height, width):
    rng = np.random.default_rng(height + width)
    frames = _frame_sequence(rng, height, width)
    encoder = jw.FrameEncoder()
    for k, img in enumerate(frames + frames[:3]):
        assert encoder.encode(img) == jw.encode_png(img), f"frame {k}"
    if height >= 32 and width >= 32:
        assert encoder.partial_encodes >= 5           # and most frames were encoded in part


@pytest.mark.parametrize("bad", [np.zeros((4, 5, 3), dtype=np.uint8),
                                 np.zeros((4, 5, 4), dtype=np.float64), np.zeros((4, 5), dtype=np.uint8)])
def test_encoders_reject_what_is_not_an_rgba_image(bad):
    for encode in (jw.encode_png, jw.FrameEncoder().encode):
        with pytest.raises(ValueError, match="rgba must be a height x width x 4 array of uint8"):
            encode(bad)


def test_frame_encoder_sees_a_change_anywhere_in_a_tile():
    """One pixel changed, in each position of a tile and in the edge strips."""
    img = np.full((70, 100, 4), 255, dtype=np.uint8)
    img[:, :20, :3] = (0, 114, 178)
    encoder = jw.FrameEncoder()
    encoder.encode(img)
    for y, x in [(0, 0), (31, 31), (32, 33), (63, 95), (64, 10), (69, 99), (5, 97)]:
        img = img.copy()
        img[y, x, :3] = (0, 114, 178) if x >= 20 else 255
        np.testing.assert_array_equal(decode_rgba(encoder.encode(img)), img, err_msg=f"{y, x}")


def test_encode_png_keeps_a_palette_across_frames_while_the_figure_keeps_its_colours():
    """Blends of anti-aliased edges (each a tiny share of the pixels) stay out of the
    palette, so that the frames of a moving curve share one palette."""
    from PIL import Image

    rng = np.random.default_rng(11)
    palettes = set()
    for k in range(6):
        img = figure_like(rng, 120, 160, [(0, 114, 178), (51, 51, 51)])
        img[60:64, 20 * k:20 * k + 40, :3] = (213, 94, 0)
        for _ in range(40):
            img[rng.integers(0, 120), rng.integers(0, 160), :3] = rng.integers(0, 256, 3)
        png = jw.encode_png(img)
        palettes.add(bytes(Image.open(io.BytesIO(png)).getpalette()))
    assert len(palettes) == 1
    assert {(255, 255, 255), (0, 114, 178), (51, 51, 51), (213, 94, 0)} == {
        tuple(c) for c in np.frombuffer(palettes.pop(), dtype=np.uint8).reshape(-1, 3).tolist()}


# ---------------------------------------------------------------------------
# FrameRenderer: unchanged artists drawn after a change stay in the background
# ---------------------------------------------------------------------------

def _legend_texts_and_a_band():
    """A line that moves under and away from a legend and texts, a text that changes its
    colour, size and place, a band (a collection: footprint not known) over the line."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set(xlim=(0, 4), ylim=(0, 4))
    (line,) = ax.plot([0, 4], [0.5, 0.5], label="moving", linewidth=3)
    ax.axhline(2.0, color="0.5", label="fixed")
    ax.legend(loc="upper right")
    moving = ax.text(0.2, 0.2, "")
    ax.text(0.2, 3.6, "fixed note")                      # drawn after the moving text
    ax.annotate("mark", (2.0, 3.0), xytext=(2.3, 3.4), arrowprops={"arrowstyle": "->"})
    band = []

    def update(a):
        line.set_ydata([a, a])                           # a = 3.6: through the legend
        moving.set_text(f"a = {a}")
        moving.set_color("C1" if a > 2 else "C2")
        moving.set_fontsize(12 if a == 1.0 else 9)
        moving.set_position((0.2, 3.4 if a == 2.5 else 0.2))   # up to the fixed note
        if a == 2.5 and not band:
            band.append(ax.fill_between([0, 4], 1.0, 1.2, alpha=0.5, zorder=4))
    return fig, update


def test_unchanged_artists_over_a_change_stay_in_the_background_when_apart():
    values = [1.0, 0.5, 0.3, 0.5, 1.0, 3.6, 0.5, 2.5, 1.0, 0.3]
    fig, update = _legend_texts_and_a_band()
    legend = fig.axes[0].get_legend()
    legend_draws = []
    legend.draw = lambda renderer, draw=legend.draw: legend_draws.append(1) or draw(renderer)
    update(values[0])
    fig.canvas.draw()
    renderer = jw.FrameRenderer(fig, 100)
    reference, ref_update = _legend_texts_and_a_band()
    reference.set_dpi(100)
    legend_draws.clear()
    match_full_redraws(renderer, update, reference, ref_update, values)
    # the legend is drawn in the first background, and then only once the line has
    # passed through it and when the band, of unknown extent, is drawn over the line:
    # three frames in a row show it without drawing it
    assert 0 < len(legend_draws) <= len(values) - 3
    assert renderer.partial_draws >= 3
    plt.close(fig)
    plt.close(reference)


def _a_curve_sweeps_under_a_legend():
    """A bump that moves across the whole axes, under a legend and a note in the upper
    corners that it never reaches, with a gap (NaN) and markers; and a curve that rises
    through the legend in one frame."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set(xlim=(0, 10), ylim=(0, 4))
    x = np.linspace(0, 10, 301)
    (bump,) = ax.plot(x, np.zeros_like(x), label="bump")
    (dots,) = ax.plot([], [], "o", markersize=9, label="dots")
    ax.text(0.3, 3.6, "a fixed note")
    ax.legend(loc="upper right")

    def update(a):
        y = np.exp(-0.5 * ((x - a) / 0.6) ** 2) * (3.9 if a == 8.5 else 1.5)
        y[(x > a + 0.2) & (x < a + 0.5)] = np.nan
        bump.set_ydata(y)
        dots.set_data([a, a + 1], [1.8, np.nan])
    return fig, update


@pytest.mark.parametrize("amplitude, style", [
    (1.5, {"linewidth": 6}),
    (0.2, {"linewidth": 4, "solid_joinstyle": "miter"}),     # turns of about 35 degrees
    (1.5, {"linewidth": 1, "marker": "s", "markersize": 14, "markeredgewidth": 3}),
    (1.5, {"linewidth": 3, "drawstyle": "steps-mid", "linestyle": "--", "dash_joinstyle": "miter"}),
])
def test_a_line_draws_only_inside_its_footprint(amplitude, style):
    """Every pixel a line draws (zig-zags with sharp turns and mitred corners, a gap,
    markers, steps) lies in one of the boxes of its footprint, each around a short run
    of its segments."""
    fig = plt.figure(figsize=(4, 3), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    ax.set(xlim=(-1, 41), ylim=(-2, 2))
    x = np.arange(41.0)
    y = np.where(x % 2 == 0, -amplitude, amplitude) * np.where(x < 20, 1, 0.5)
    y[24] = np.nan                                     # a gap at the start of a run, and
    y[26] = np.nan                                     # a point alone between two gaps
    (line,) = ax.plot(x, y, color="black", **style)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = jw._footprint(line, renderer)
    assert 1 < len(boxes) < len(x)
    img = np.asarray(fig.canvas.buffer_rgba())
    rows, cols = np.nonzero((img[..., :3] < 255).any(axis=-1))
    assert rows.size > 1000
    px, py = cols + 0.5, img.shape[0] - rows - 0.5      # pixel centres in display coordinates
    inside = ((boxes[:, None, 0] <= px) & (px <= boxes[:, None, 2])
              & (boxes[:, None, 1] <= py) & (py <= boxes[:, None, 3])).any(axis=0)
    assert inside.all(), f"{(~inside).sum()} drawn pixels outside the footprint"
    plt.close(fig)


def test_a_curve_sweeping_across_the_axes_leaves_what_it_never_reaches_in_the_background():
    values = [1.0, 3.0, 5.0, 7.0, 9.0, 8.5, 2.0, 4.0]
    fig, update = _a_curve_sweeps_under_a_legend()
    legend = fig.axes[0].get_legend()
    legend_draws = []                                  # the frames that drew the legend
    frame = [None]
    legend.draw = lambda renderer, draw=legend.draw: legend_draws.append(frame[0]) or draw(renderer)
    update(values[0])
    fig.canvas.draw()
    renderer = jw.FrameRenderer(fig, 90)
    reference, ref_update = _a_curve_sweeps_under_a_legend()
    reference.set_dpi(90)
    partial = match_full_redraws(renderer, update, reference, ref_update, values,
                                 on_frame=lambda a: frame.__setitem__(0, a))
    # the first two frames make the background (the second without the moving lines);
    # while the bump sweeps below the legend (a = 5, 7, 9: its extent, one box, would
    # cover the legend) the legend stays in the background; it is drawn again once the
    # bump rises through it (a = 8.5)
    assert partial[2:5] == [True, True, True]
    assert not {5.0, 7.0, 9.0} & set(legend_draws)
    assert 8.5 in legend_draws
    plt.close(fig)
    plt.close(reference)


def _artists_come_and_go():
    """The patterns of the book's widgets: a legend made anew for every frame, a shaded
    span and a text added in some frames and removed in others."""
    fig, (ax, bx) = plt.subplots(2, 1, figsize=(4, 4))
    ax.set(xlim=(0, 4), ylim=(0, 4))
    bx.set(xlim=(0, 4), ylim=(0, 4))
    (line,) = ax.plot([0, 4], [1, 1], label="line")
    (dot,) = bx.plot([1], [1], "o")
    added = []

    def update(a):
        line.set_ydata([a, a])
        line.set_label(f"a = {a}")
        ax.legend(loc="upper right")                      # a new legend
        dot.set_data([a], [a])
        while added:
            added.pop().remove()
        if a > 2:
            added.append(bx.axvspan(a - 0.5, a, color="0.85", zorder=0))
            added.append(bx.text(0.2, 3.5, f"beyond, a = {a}"))
    return fig, update


def _a_patch_comes_and_goes():
    """A patch added and removed between a moving line and a fixed text, both far from it:
    the text moves in the drawing order but stays in the background."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set(xlim=(0, 4), ylim=(0, 4))
    (line,) = ax.plot([0, 4], [1, 1])
    ax.text(0.2, 3.5, "a fixed text")
    added = []

    def update(a):
        line.set_ydata([a, a])
        while added:
            added.pop().remove()
        if a == 1.5:
            added.append(ax.add_patch(plt.Rectangle((3.2, 3.2), 0.6, 0.6, zorder=2.2)))
    return fig, update


@pytest.mark.parametrize("setup, values", [
    (_artists_come_and_go, [1.0, 1.5, 3.0, 3.5, 1.0, 1.0, 2.5, 0.5]),
    (_a_patch_comes_and_goes, [1.0, 0.5, 1.5, 1.0, 0.5, 1.5, 1.5, 0.5]),
])
def test_added_removed_and_replaced_artists_give_the_pixels_of_a_full_redraw(setup, values):
    renderer, _ = frames_against_full_redraws(setup, values, 80)
    # a new legend, or the first axes' changes, do not redraw the figure in full
    assert renderer.partial_draws >= 3


def _limits_change_in_one_axes():
    """Two axes: the upper one's y-limits, ticks and title change with every frame; the
    lower one, with its own ticks, label, note and legend, never changes."""
    fig, (ax, bx) = plt.subplots(2, 1, figsize=(4, 6), gridspec_kw={"hspace": 0.6})
    (line,) = ax.plot([0, 1, 2], [0, 1, 0])
    ax.set_xlim(0, 2)
    (fixed,) = bx.plot([0, 1], [1, 0], label="fixed")
    bx.set(xlim=(0, 1), ylim=(0, 1), xlabel="the lower axes", ylabel="never changes")
    bx.text(0.5, 0.5, "a note")
    bx.legend(loc="upper right")

    def update(a):
        line.set_ydata([0, a, 0])
        ax.set_ylim(0, 1.2 * a)
        ax.set_title(f"a = {a}")
    return fig, update


def test_an_axes_that_changes_as_a_whole_leaves_another_axes_in_the_background():
    values = [1.0, 3.0, 20.0, 0.5, 7.0, 7.0, 1.0]
    lower_draws = []                      # the frames (0, 1, ...) that drew the lower axes
    seen = []

    def watch(fig):
        lower = fig.axes[1]
        lower.yaxis.draw = (lambda renderer, draw=lower.yaxis.draw:
                            lower_draws.append(len(seen) - 1) or draw(renderer))

    _, partial = frames_against_full_redraws(_limits_change_in_one_axes, values, 80,
                                             on_frame=seen.append, watch=watch)
    # the upper axes is redrawn whole in every frame, over a background that holds the
    # lower one (drawn in the first two frames' backgrounds only)
    assert all(partial[2:])
    assert lower_draws and max(lower_draws) <= 1


def _a_patch_under_moved_ticks():
    """The left spine is moved 30 pt outward, and its tick marks with it (their labels
    12 pt further out); a patch below the axis (drawn before it) changes over the tick
    marks' inner ends, from 32 to 10 pt left of the axes, away from the labels."""
    fig, ax = plt.subplots(figsize=(4, 3))
    fig.subplots_adjust(left=0.35)
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.spines["left"].set_position(("outward", 30))
    ax.tick_params(axis="y", pad=12)
    (line,) = ax.plot([0, 1], [0.5, 0.5])
    x_points = mpl.transforms.offset_copy(ax.transAxes, fig, x=-32, units="points")
    width = 22 / 72 * fig.dpi / ax.bbox.width                  # 22 pt, in axes fractions
    patch = plt.Rectangle((0, 0.1), width, 0.3, zorder=1, clip_on=False, lw=0,
                          transform=mpl.transforms.blended_transform_factory(x_points,
                                                                             ax.transAxes))
    ax.add_patch(patch)

    def update(a):
        line.set_ydata([a, a])
        patch.set_height(a)
    return fig, update


def _a_note_of_one_axes_over_another():
    """The upper axes changes its limits in every frame; a note of it, not clipped, lies
    over the lower axes, which is drawn after it and so covers it in a full redraw."""
    fig, update = _limits_change_in_one_axes()
    fig.axes[0].text(0.5, -0.9, "under the lower axes", transform=fig.axes[0].transAxes,
                     fontsize=14, clip_on=False)
    return fig, update


def _an_axes_moves_with_its_legend():
    """The upper axes moves down in some frames, carrying its legend (placed below it)
    onto the lower axes, which is drawn after it."""
    fig = plt.figure(figsize=(4, 6))
    ax = fig.add_axes([0.15, 0.7, 0.7, 0.25])
    bx = fig.add_axes([0.15, 0.08, 0.7, 0.3])
    ax.plot([0, 1], [0, 1], label="a legend below its axes")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3))
    bx.plot([0, 1], [1, 0])

    def update(a):
        ax.set_position([0.15, a, 0.7, 0.25])
    return fig, update


def _ticks_change_with_the_same_limits(how):
    """The limits stay; from the third frame the ticks change (``how``): the major
    locator's settings changed in place, the positions of fixed ticks changed in
    place, or the minor locator's settings changed in place."""
    def setup():
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.set(xlim=(0, 10), ylim=(0, 10))
        (line,) = ax.plot([0, 10], [1, 1])
        fixed = mpl.ticker.FixedLocator([2.0, 5.0])
        minor = mpl.ticker.MultipleLocator(2.5)
        ax.xaxis.set_major_locator(fixed)
        ax.yaxis.set_minor_locator(minor)

        def update(a):
            line.set_ydata([a, a])
            if a >= 3 and how == "major settings":
                ax.yaxis.get_major_locator().set_params(nbins=3)
            elif a >= 3 and how == "fixed positions":
                fixed.locs[0] = 3.0
            elif a >= 3 and how == "minor settings":
                minor.set_params(base=0.5)
        return fig, update
    return setup


@pytest.mark.parametrize("setup, values", [
    (_a_patch_under_moved_ticks, [0.3, 0.6, 0.9, 0.4]),
    (_a_note_of_one_axes_over_another, [1.0, 3.0, 20.0, 0.5]),
    (_an_axes_moves_with_its_legend, [0.7, 0.68, 0.45, 0.7]),
    (_ticks_change_with_the_same_limits("major settings"), [1, 1.5, 2, 3, 3.5]),
    (_ticks_change_with_the_same_limits("fixed positions"), [1, 1.5, 2, 3, 3.5]),
    (_ticks_change_with_the_same_limits("minor settings"), [1, 1.5, 2, 3, 3.5]),
], ids=["moved ticks", "note over another axes", "axes moving with its legend",
        "major locator settings", "fixed tick positions", "minor locator settings"])
def test_what_a_change_reaches_is_redrawn_over_it(setup, values):
    """Tick marks on a moved spine over a patch changing below them, a note of an axes
    redrawn whole that lies over another axes, an axes that moves with its legend,
    ticks that change while the limits stay: each frame has the pixels of a full
    redraw."""
    frames_against_full_redraws(setup, values, 100)
