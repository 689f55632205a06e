r"""Interactive figures that keep working on the static website, with no kernel.

A widget made with :func:`ipywidgets.interact` needs a running Python kernel:
on the book's static pages its slider moves but its figure never changes.
:func:`explore` instead draws every frame in advance, once, while the chapter
is executed. The frames are :class:`ipywidgets.Image` widgets inside an
:class:`ipywidgets.Stack`; each :class:`ipywidgets.SelectionSlider` is linked to
the stack's ``selected_index`` with :func:`ipywidgets.jslink`, a link that runs
in the browser. The figure therefore follows the slider on the website, offline,
and in a live notebook alike.

With one control the stack holds one frame per value. With two controls the
outer stack (driven by the first slider) holds one inner stack per value of the
first control, and every inner stack (driven by the second slider) holds the
frames for the values of the second control, so that frame ``(i, j)`` is
``outer.children[i].children[j]``.

Every frame carries its own alt text (:func:`alt_text`), and the figure itself
shows the current values in its top-right corner.

When the book is built, the environment variable named by :data:`STATIC_ENV`
(``JANUS_STATIC_FIGURES``) is set to ``1`` (``tools/execute_notebooks.py`` and
the Sphinx extension ``tools/sphinx/janus_site.py`` set it). :func:`explore`
then returns a :class:`StaticExplorer` instead of the widgets: the same frames,
shown by a small self-contained HTML component (``<input type="range">``
sliders, one ``<img>`` and the frames as JSON) that the book's script
``_static/janus-explore.js`` makes live. No ipywidgets object is created, so
the built pages need neither the widget state nor the ipywidgets HTML manager.
In a live kernel (JupyterLab, Binder, Colab) the variable is not set and
:func:`explore` returns the widgets.

Example
-------
>>> import numpy as np
>>> import matplotlib.pyplot as plt
>>> def setup():
...     fig, ax = plt.subplots()
...     s = np.linspace(40, 160, 121)
...     (line,) = ax.plot(s, np.exp(0.04 * s))
...     def update(beta):
...         line.set_ydata(np.exp(beta * s))
...         ax.relim()
...         ax.autoscale_view()
...     return fig, update
>>> w = explore(setup, beta=[0.02, 0.04, 0.06], labels={"beta": "β"},
...             alt="Wage against skill when beta = {beta:.2f}")
>>> [c.description for c in w.children[:-1]]
['β']
>>> w.children[0].label            # the middle value is shown first
'0.04'
>>> len(w.children[-1].children)   # one frame per value
3
>>> w.children[-1].children[2].tooltip
'Wage against skill when beta = 0.06'
"""

from __future__ import annotations

import base64
import functools
import hashlib
import heapq
import html
import io
import json
import math
import numbers
import pickle
import struct
import zlib
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from ._build import STATIC_ENV, static_figures

__all__ = ["explore", "render_frames", "alt_text", "Frame", "StaticExplorer", "STATIC_ENV",
           "FrameImage", "FrameRenderer", "FrameEncoder", "encode_png", "MAX_FRAMES", "MAX_BYTES", "DPI"]

#: Width of the book's text column in CSS pixels, and of its standard figure in inches:
#: a frame is shown at ``COLUMN_PX / FIGURE_WIDTH_IN`` CSS pixels per inch of figure,
#: so that a figure of the standard width fills the column.
COLUMN_PX = 688
FIGURE_WIDTH_IN = 6.4

#: Resolution of the frames in dots per inch: two image pixels per CSS pixel, so that
#: frames are sharp on screens of twice the usual pixel density (215 dpi).
DPI = 2 * COLUMN_PX / FIGURE_WIDTH_IN

#: The largest number of frames one widget may hold.
MAX_FRAMES = 60

#: The largest total size of one widget's frames, in bytes (PNG data).
MAX_BYTES = 1_500_000

#: CSS class of the box returned by :func:`explore` (the browser tests find widgets by it).
DOM_CLASS = "janus-explore"

_DEFAULT_FORMAT = "{:.4g}"


class Frame(NamedTuple):
    """One precomputed picture of the figure.

    ``index`` is the position of each control's value in its sequence,
    ``params`` the values passed to ``update``, ``png`` the image and ``alt`` its
    alt text.
    """

    index: tuple[int, ...]
    params: dict[str, Any]
    png: bytes
    alt: str


def alt_text(alt: str | Callable[..., str], **params) -> str:
    """Return the alt text of a figure drawn with the parameters ``params``.

    ``alt`` is either a :meth:`str.format` template naming the parameters or a
    callable ``alt(**params) -> str``.

    >>> alt_text("Lorenz curve when beta = {beta:.3f}", beta=0.04)
    'Lorenz curve when beta = 0.040'
    >>> alt_text(lambda beta: f"Gini {2 * beta:.2f}", beta=0.1)
    'Gini 0.20'
    >>> alt_text("Lorenz curve when tau = {tau}", beta=0.04)
    Traceback (most recent call last):
    ...
    ValueError: alt names {tau}, which is not a control; the controls are: beta
    """
    if callable(alt):
        text = alt(**params)
    elif isinstance(alt, str):
        try:
            text = alt.format(**params)
        except KeyError as exc:
            raise ValueError(f"alt names {{{exc.args[0]}}}, which is not a control; "
                             f"the controls are: {', '.join(params)}") from None
        except (IndexError, ValueError) as exc:
            raise ValueError(f"alt must be a str.format template with the control names "
                             f"({', '.join(params)}); formatting {alt!r} failed: {exc}") from None
    else:
        raise TypeError(f"alt must be a str.format template or a callable; got {alt!r}")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"alt must give a non-empty text; got {text!r} for {params}")
    return " ".join(text.split())


# ---------------------------------------------------------------------------
# Encoding: palette PNGs
# ---------------------------------------------------------------------------

#: Largest palette of a 4-bit PNG frame, and the share of the pixels its colours
#: must cover exactly (line figures: white, grid, ink and a few line colours, plus
#: the anti-aliased edges, which map to the nearest of them). A frame whose
#: colours are more spread out (a colour map, an image) gets a 256-colour palette.
_SMALL_PALETTE = 16
_SMALL_COVERAGE = 0.97

#: Share of the pixels a colour must cover to enter a small palette: the colours
#: of the figure itself, not the blends of its anti-aliased edges (each a tiny
#: share), so that the frames of one widget keep one palette.
_MAJOR = 0.0005

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _keeps_own_colours(palette: np.ndarray) -> bool:
    """Whether the frames' colour mapping sends every colour of ``palette`` to itself.

    A colour goes to the palette entry nearest to the centre of its bin of 8
    levels a channel (the first such entry on a tie): encode_png moves every
    pixel to its bin's centre, which Pillow (``Image.quantize(palette=...)``
    without dithering) then maps to the nearest entry exactly, since a centre is
    a multiple of 4. A palette colour keeps its colour only if no other entry is
    as near to its bin's centre (two colours in one bin cannot both keep theirs).
    """
    centres = ((palette >> 3) << 3) + 4
    dist = ((centres[:, None, :] - palette[None, :, :]) ** 2).sum(axis=-1)
    return bool((np.argmin(dist, axis=1) == np.arange(len(palette))).all())


@functools.lru_cache(maxsize=64)
def _small_palette(candidates: tuple[tuple[int, int, int], ...]) -> tuple[tuple[int, int, int], ...]:
    """The frame's palette from its most frequent colours (``candidates``, most frequent
    first): each is kept unless the mapping could not tell it from one kept before."""
    chosen: list[tuple[int, int, int]] = []
    for colour in candidates:
        trial = chosen + [colour]
        if _keeps_own_colours(np.asarray(trial, dtype=np.int32)):
            chosen = trial
    return tuple(chosen)


@functools.lru_cache(maxsize=64)
def _palette_image(palette: tuple[tuple[int, int, int], ...]):
    from PIL import Image

    image = Image.new("P", (1, 1))
    image.putpalette([v for rgb in palette for v in rgb])
    return image


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _indexed_png(index: np.ndarray, palette) -> bytes:
    """A PNG file of palette indices (``height x width`` uint8) with at most 16 colours:
    1, 2 or 4 bits a pixel, every row filtered with "Up" (the difference from the row
    above: zero where rows repeat, as most rows of a figure largely do) and compressed
    with zlib's run-length strategy (a figure is long runs of one colour; zlib-ng
    writes the same format several times faster than zlib). Over all the frames of
    the book's widgets this is smaller in total than choosing for each row between
    "Up" and no filter by their number of runs, and cheaper."""
    from PIL import Image
    from zlib_ng import zlib_ng

    height, width = index.shape
    bits = 1 if len(palette) <= 2 else 2 if len(palette) <= 4 else 4
    image = Image.frombuffer("P", (width, height), np.ascontiguousarray(index), "raw", "P", 0, 1)
    packed = np.frombuffer(image.tobytes("raw", f"P;{bits}"), dtype=np.uint8).reshape(height, -1)
    raw = np.empty((height, packed.shape[1] + 1), dtype=np.uint8)
    raw[:, 0] = 2                                   # PNG filter type 2 (Up) on every row
    raw[0, 1:] = packed[0]                          # the first row's "row above" is zeros
    np.subtract(packed[1:], packed[:-1], out=raw[1:, 1:])
    compressor = zlib_ng.compressobj(6, zlib_ng.DEFLATED, 15, 9, zlib_ng.Z_RLE)
    data = compressor.compress(raw) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, bits, 3, 0, 0, 0)
    return b"".join((_PNG_SIGNATURE, _png_chunk(b"IHDR", header),
                     _png_chunk(b"PLTE", bytes(v for rgb in palette for v in rgb)),
                     _png_chunk(b"IDAT", data), _png_chunk(b"IEND", b"")))


def _pixels(rgba) -> np.ndarray:
    """The image as ``height x width`` little-endian 32-bit pixels (R in the low byte)."""
    arr = np.asarray(rgba)
    if arr.ndim != 3 or arr.shape[2] != 4 or arr.dtype != np.uint8:
        raise ValueError(f"rgba must be a height x width x 4 array of uint8; got shape "
                         f"{arr.shape} and dtype {arr.dtype}")
    return np.ascontiguousarray(arr).view("<u4")[..., 0]


def _opaque(pixels: np.ndarray) -> bool:
    # every pixel, read as a little-endian 32-bit number, has alpha 255 on top
    return bool(pixels.min() >= 0xFF000000)


def _colour_counts(pixels: np.ndarray) -> dict | None:
    """How often each colour occurs among ``pixels`` (a 2-d array of 32-bit pixels):
    ``{(r, g, b, a): count}``, or ``None`` beyond 65536 colours."""
    from PIL import Image

    pixels = np.ascontiguousarray(pixels)
    if pixels.size == 0:
        return {}
    height, width = pixels.shape
    image = Image.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1)
    # Pillow's table has room for maxcolors colours: a small one first (a figure's few)
    found = image.getcolors(4096) or image.getcolors(1 << 16)
    return None if found is None else {colour: count for count, colour in found}


def _palette_for(counts: dict | None, total: int):
    """The small palette of a frame whose sampled pixels have these colour ``counts``
    (``total`` of them): its colours that cover at least ``_MAJOR`` of the sample, at
    most 16, in the order of their values; ``None`` when they cover less than
    ``_SMALL_COVERAGE`` of it."""
    if not counts:
        return None
    # most frequent first, then by colour: the order does not depend on how counts was made
    least = _MAJOR * total
    top = heapq.nlargest(_SMALL_PALETTE, [(count, colour) for colour, count in counts.items()
                                          if count >= least])
    if sum(count for count, _ in top) < _SMALL_COVERAGE * total:
        return None
    return tuple(sorted(_small_palette(tuple(colour[:3] for _, colour in top))))


def _map_to_palette(pixels: np.ndarray, palette) -> np.ndarray:
    """Palette indices of ``pixels`` (2-d, 32-bit, opaque): every pixel to the centre of its
    bin of 8 levels a channel, then to the nearest palette colour (Pillow, no dithering)."""
    from PIL import Image

    height, width = pixels.shape
    centred = np.bitwise_and(pixels, 0xF8F8F8F8)
    np.bitwise_or(centred, 0x04040404, out=centred)
    rgb = Image.frombuffer("RGBX", (width, height), centred, "raw", "RGBX", 0, 1).convert("RGB")
    indexed = rgb.quantize(palette=_palette_image(palette), dither=Image.Dither.NONE)
    return np.asarray(indexed)


def _encode_whole(pixels: np.ndarray, counts: dict | None = None):
    """Encode a frame (32-bit pixels) from scratch: ``(png, counts, palette, index)``, the
    colour counts of its sample, its small palette and its palette indices, or ``None``
    for these three when it is not a small-palette PNG (``counts``: if known already).
    With transparency the frame stays RGBA; an opaque frame whose own colours cover
    too little of it gets 256 colours."""
    from PIL import Image

    height, width = pixels.shape
    out = io.BytesIO()
    if not _opaque(pixels):
        Image.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1).save(
            out, format="png", compress_level=6)
        return out.getvalue(), None, None, None
    sample = pixels[::2, ::2]
    counts = _colour_counts(sample) if counts is None else counts
    palette = _palette_for(counts, sample.size)
    if palette is None:
        rgb = Image.frombuffer("RGBX", (width, height), pixels, "raw", "RGBX", 0, 1).convert("RGB")
        indexed = rgb.quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                               dither=Image.Dither.NONE)
        indexed.save(out, format="png", compress_level=6)
        return out.getvalue(), None, None, None
    index = np.array(_map_to_palette(pixels, palette))             # writable
    return _indexed_png(index, palette), counts, palette, index


def encode_png(rgba) -> bytes:
    """Encode an RGBA image (``height x width x 4`` uint8) as a compact PNG.

    An opaque image whose 16 most frequent colours cover at least 97 % of its
    pixels (the book's line figures; counted on the pixels of its even rows and
    columns) becomes a palette PNG of those colours (1, 2 or 4 bits a pixel):
    every pixel of a palette colour keeps its colour exactly, and every other
    pixel (the anti-aliased edges) takes the palette colour nearest to the
    centre of its colour's bin of 8 levels a channel (colours compared at 5
    bits a channel). A colour that this mapping cannot tell from a more
    frequent one (in the same bin, such as 254-grey next to white) is left out
    of the palette: its pixels take the nearest palette colour like the others.
    Other opaque images get a 256-colour palette; an image with transparency
    stays RGBA. The result depends on the pixels only (:class:`FrameEncoder`
    gives the same bytes for a sequence of frames, faster).

    Parameters
    ----------
    rgba : array_like
        The image, e.g. ``fig.canvas.buffer_rgba()`` of a drawn Agg figure.

    Returns
    -------
    bytes
        The PNG file.

    Raises
    ------
    ValueError
        If ``rgba`` is not a ``height x width x 4`` array.

    Examples
    --------
    >>> import io
    >>> from PIL import Image
    >>> img = np.full((20, 30, 4), 255, dtype=np.uint8)
    >>> img[5:15, 10:20, :3] = (0, 114, 178)
    >>> png = encode_png(img)
    >>> back = Image.open(io.BytesIO(png))
    >>> back.mode, back.size
    ('P', (30, 20))
    >>> bool((np.asarray(back.convert("RGBA")) == img).all())
    True
    """
    return _encode_whole(_pixels(rgba))[0]


class FrameEncoder:
    """Encode successive frames of one figure as :func:`encode_png` does, faster.

    Successive frames of a widget differ in a few places (a curve, a label)
    and usually have the same palette (the figure's own colours). The encoder
    keeps the last frame and its palette indices; when the next frame has the
    same palette, it compares the two in tiles of 16 x 16 pixels and maps only
    the tiles that changed (and the strips beyond the last whole tile at the
    right and bottom edges, if they changed); otherwise it maps the whole
    frame. Every frame gets exactly the bytes :func:`encode_png` gives it.

    Examples
    --------
    >>> img = np.full((40, 70, 4), 255, dtype=np.uint8)
    >>> encoder = FrameEncoder()
    >>> for x in (5, 30, 50):
    ...     img[:, :, :3] = 255
    ...     img[10:20, x:x + 10, :3] = (0, 114, 178)
    ...     assert encoder.encode(img) == encode_png(img)
    >>> encoder.partial_encodes
    2
    """

    TILE = 16          # pixels a side: a tile row is one 8-byte word of comparisons (fixed)

    def __init__(self):
        self._pixels = None          # the last frame, 32-bit pixels (a copy)
        self._counts = None          # its colour counts on the even rows and columns
        self._palette = None         # its small palette
        self._index = None           # its palette indices
        self.partial_encodes = 0

    def _whole(self, pixels: np.ndarray, counts: dict | None) -> bytes:
        """Encode ``pixels`` from scratch (``counts``: its sample's, if known already)."""
        png, self._counts, self._palette, self._index = _encode_whole(pixels, counts)
        self._pixels = None if self._palette is None else pixels.copy()
        return png

    def encode(self, rgba) -> bytes:
        """The PNG of the frame ``rgba``: the bytes of :func:`encode_png` ``(rgba)``."""
        pixels = _pixels(rgba)
        last, t = self._pixels, self.TILE
        height, width = pixels.shape
        th, tw = height // t, width // t                   # whole tiles
        if last is None or last.shape != pixels.shape or th == 0:
            return self._whole(pixels, None)
        h0, w0 = th * t, tw * t

        def tiles(a):                                    # (th, tw, t, t) view of the tiled part
            return a[:h0, :w0].reshape(th, t, tw, t).swapaxes(1, 2)

        # the tiles that changed: compare two pixels at a time, then the 8 pairs of
        # each tile row (64 bytes) as one 8-byte word of their comparisons
        pairs = pixels[:h0, :w0].view(np.uint64) != last[:h0, :w0].view(np.uint64)
        changed = pairs.view(np.uint64).reshape(th, t, tw).any(axis=1)
        # the strips beyond the last whole tile (bottom, right) that changed
        strips = [strip for strip in (np.s_[h0:, :], np.s_[:h0, w0:])
                  if pixels[strip].size and not np.array_equal(pixels[strip], last[strip])]
        new = tiles(pixels)[changed]
        # the rest of the frame is the last one, which was opaque
        if not all(_opaque(part) for part in [new, *(pixels[strip] for strip in strips)]
                   if part.size):
            return self._whole(pixels, None)
        # the colour counts of the new frame: the last ones, less those of the changed
        # tiles and strips as they were, plus the same as they are now
        counts = dict(self._counts)
        for frame, sign in ((last, -1), (pixels, 1)):
            sampled = frame[:h0:2, :w0:2].reshape(th, t // 2, tw, t // 2).swapaxes(1, 2)
            parts = [sampled[changed].reshape(1, -1)]
            parts += [frame[strip][::2, ::2].reshape(1, -1) for strip in strips]
            for part in parts:
                found = _colour_counts(part)
                if found is None:                          # too many colours: a photo
                    return self._whole(pixels, None)
                for colour, n in found.items():
                    left = counts.get(colour, 0) + sign * n
                    if left:
                        counts[colour] = left
                    else:
                        del counts[colour]
        palette = _palette_for(counts, ((height + 1) // 2) * ((width + 1) // 2))
        if palette != self._palette:
            return self._whole(pixels, counts)
        index = self._index
        if changed.any():
            tiles(index)[changed] = _map_to_palette(new.reshape(-1, t), palette).reshape(-1, t, t)
            tiles(last)[changed] = new
        for strip in strips:
            index[strip] = _map_to_palette(np.ascontiguousarray(pixels[strip]), palette)
            last[strip] = pixels[strip]
        self._counts = counts
        self.partial_encodes += 1
        return _indexed_png(index, palette)


# ---------------------------------------------------------------------------
# Drawing: redraw only what changed
# ---------------------------------------------------------------------------

def _locator_state(locator):
    """What the ticks of ``locator`` depend on besides the view limits and the axes' size:
    the locator itself and its settings (``set_params`` changes them in place). Asking
    the locator for its ticks every frame would cost more than the rest of the state."""
    settings = {name: value for name, value in vars(locator).items() if name != "axis"}
    try:
        return (id(locator), type(locator), pickle.dumps(dict(sorted(settings.items()))))
    except Exception:                               # settings that cannot be pickled
        return (id(locator), tuple(locator()))


def _axes_state(ax):
    """What an axes' decorations depend on, besides its own children's stale flags."""
    def axis_state(axis):
        return (axis.get_label_text(), axis.get_scale(),
                _locator_state(axis.get_major_locator()),
                _locator_state(axis.get_minor_locator()))
    return (tuple(ax.viewLim.bounds), tuple(ax.get_position().bounds), ax.patch.stale,
            ax.axison, ax.get_frame_on(), axis_state(ax.xaxis), axis_state(ax.yaxis))


def _always_dirty(artist) -> bool:
    # a legend placed at loc="best" moves with the data it avoids
    from matplotlib.legend import Legend
    return isinstance(artist, Legend) and artist._get_loc() == 0


#: A footprint that is not known: the artist may draw anywhere.
_ANYWHERE = np.array([[-math.inf, -math.inf, math.inf, math.inf]])

#: A line's footprint is one box for each run of this many segments, at most
#: ``_LINE_BOXES`` boxes a line (longer runs for longer lines): a curve that sweeps
#: across the axes then overlaps only what lies near it, not everything in its extent.
_LINE_RUN = 8
_LINE_BOXES = 64


def _line_boxes(points: np.ndarray, pad: float) -> np.ndarray:
    """Boxes (x0, y0, x1, y1) around the segments of a polyline (``points``, n x 2 display
    pixels, NaN breaking the line), one for each run of consecutive segments, widened
    by ``pad``; a marker alone at a point between NaNs keeps its box."""
    n = len(points)
    run = max(_LINE_RUN, -(-(n - 1) // _LINE_BOXES))
    starts = np.arange(0, max(n - 1, 1), run)
    # run i holds the points starts[i] .. starts[i] + run: its segments and their ends
    runs = points[np.minimum(starts[:, None] + np.arange(run + 1), n - 1)]
    lo = np.fmin.reduce(runs, axis=1)                   # NaN only where a run is all NaN
    hi = np.fmax.reduce(runs, axis=1)
    keep = ~(np.isnan(lo).any(axis=1) | np.isnan(hi).any(axis=1))
    return np.hstack([lo[keep] - pad, hi[keep] + pad])


def _footprint(artist, renderer) -> np.ndarray:
    """Boxes (x0, y0, x1, y1), one a row, in display pixels that together hold every
    pixel ``artist`` draws, with a margin for line widths, anti-aliasing and glyphs
    that overhang their text box: none if it draws nothing, ``_ANYWHERE`` if where it
    draws is not known."""
    from matplotlib.axis import Axis
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle
    from matplotlib.spines import Spine
    from matplotlib.text import Annotation, Text

    nothing = np.empty((0, 4))
    if not artist.get_visible():
        return nothing
    if artist.get_path_effects():
        return _ANYWHERE
    px = renderer.points_to_pixels
    smear = 1.5                                         # anti-aliasing and snapping
    if isinstance(artist, Legend):
        if artist.shadow:
            return _ANYWHERE
        patch = artist.legendPatch                      # where it was drawn last
        box = (patch.get_x(), patch.get_y(), patch.get_x() + patch.get_width(),
               patch.get_y() + patch.get_height())       # its entries lie inside
        pad = px(patch.get_linewidth())
    elif type(artist) in (Text, Annotation):
        if not artist.get_text():
            return nothing
        if artist.get_bbox_patch() is not None:
            return _ANYWHERE
        box = artist.get_window_extent(renderer).extents      # with an annotation's arrow
        pad = px(artist.get_fontsize()) / 2             # glyphs overhanging their box
        arrow = getattr(artist, "arrow_patch", None)
        if arrow is not None:
            pad = max(pad, 2 * px(arrow.get_linewidth()))
    elif isinstance(artist, Line2D):
        # the points in display pixels (the steps of a drawstyle stay within the box
        # of the two points they join); half the line width at the ends and sides,
        # mitred joins reach up to twice it; markers reach half their size around a point
        points = np.asarray(artist.get_transform().transform(artist.get_xydata()), dtype=float)
        if len(points) == 0:
            return nothing
        if np.isinf(points).any():
            return _ANYWHERE
        mitre = "miter" in (artist.get_solid_joinstyle(), artist.get_dash_joinstyle())
        pad = px(artist.get_linewidth()) * (2 if mitre else 1) + px(artist.get_markeredgewidth())
        if artist.get_marker() not in (None, "None", "none", " ", ""):
            pad += px(artist.get_markersize()) / 2
        return _line_boxes(points, pad + smear)
    elif isinstance(artist, Axis):
        return _axis_footprint(artist, renderer, smear)
    elif isinstance(artist, Patch):
        if artist.get_hatch():
            return _ANYWHERE
        # the outline the patch draws (a spine's own extent also holds its axis' ticks)
        box = Patch.get_window_extent(artist, renderer).extents
        square = isinstance(artist, (Spine, Rectangle))            # no sharp corners
        pad = px(artist.get_linewidth()) * (1 if square else 2)
    else:
        return _ANYWHERE
    if not all(math.isfinite(v) for v in box):
        return _ANYWHERE
    pad += smear
    return np.array([[box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad]])


def _axis_footprint(axis, renderer, smear) -> np.ndarray:
    """An axis draws its grid lines inside its axes' box, its tick marks on the edges of
    that box (where the spines are, when none is moved), and its tick labels, label and
    offset text within its tight box."""
    px = renderer.points_to_pixels
    ax = axis.axes
    if any(spine.get_position() != ("outward", 0.0) for spine in ax.spines.values()):
        return _ANYWHERE
    ticks = [line for tick in (*axis.majorTicks, *axis.minorTicks)
             for line in (tick.tick1line, tick.tick2line, tick.gridline)]
    reach = max((px(line.get_markersize()) + px(line.get_markeredgewidth())
                 + px(line.get_linewidth()) for line in ticks), default=0.0)
    x0, y0, x1, y1 = ax.bbox.extents
    pad = reach + smear
    boxes = [[x0 - pad, y0 - pad, x1 + pad, y1 + pad]]
    tight = axis.get_tightbbox(renderer)
    if tight is not None:
        e = tight.extents
        size = max([axis.label.get_fontsize(), axis.offsetText.get_fontsize()]
                   + [t.label1.get_fontsize() for t in (*axis.majorTicks, *axis.minorTicks)])
        pad = smear + px(size) / 2                        # glyphs overhanging their box
        boxes.append([e[0] - pad, e[1] - pad, e[2] + pad, e[3] + pad])
    boxes = np.array(boxes)
    return boxes if np.isfinite(boxes).all() else _ANYWHERE


def _overlap(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether any box of ``a`` overlaps any box of ``b`` (footprints, one box a row)."""
    if not len(a) or not len(b):
        return False
    a, b = a[:, None, :], b[None, :, :]
    return bool(((a[..., 0] <= b[..., 2]) & (b[..., 0] <= a[..., 2])
                 & (a[..., 1] <= b[..., 3]) & (b[..., 1] <= a[..., 3])).any())


class FrameRenderer:
    """Draw successive states of one figure into an Agg buffer, redrawing only what changed.

    Matplotlib draws a figure in a fixed order: the figure's background, then
    its children by z-order; an axes draws its background, then its children
    by z-order. After a frame is drawn, every artist drawn is marked clean, and
    a change to an artist (``set_data``, ``set_text``, ...) marks it stale. For
    the next frame, the renderer finds the first item in this drawing order
    that changed (an axes whose limits, position or ticks changed counts as
    changed as a whole), keeps the pixels of everything drawn before it (the
    background, saved once) and draws only the items from there on, in the
    same order. An unchanged item drawn after a change stays in the background
    too when its footprint (boxes around every pixel it draws: its extent
    widened by its line width, or by half an em for a text; for a line, one box
    around each short run of its segments) overlaps no item redrawn before it,
    such as a legend or a note away from the moving curve, even when the curve
    sweeps across the whole axes. An axis' footprint is its axes' box widened by
    its tick marks, and the box of its tick labels and label. An axes that
    changes as a whole (its limits, say) is redrawn with all its children, and
    what comes after it (another axes) only where they reach; an item whose
    footprint is not known (a collection, an image, an axes that moved) is
    redrawn with everything after it. The result is the image a full
    redraw gives, pixel for pixel, in a fraction of the time. An artist added
    (or made anew, such as a legend) counts as changed and is drawn over the
    background; a change to an artist in the background, an artist removed
    from it, or a redrawn item that comes to overlap one kept in it, redraws
    the background.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure; its layout engine, if any, should be switched off first
        (:func:`render_frames` does this after laying the figure out once).
    dpi : float
        The resolution to draw at.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> (line,) = ax.plot([0, 1], [0, 1])
    >>> r = FrameRenderer(fig, dpi=50)
    >>> for y in ([1, 0], [0.5, 0.5], [0, 1]):
    ...     line.set_ydata(y)
    ...     img = r.render().copy()
    >>> r.full_draws, r.partial_draws, img.shape
    (2, 1, (50, 100, 4))
    >>> fig.canvas.draw()              # a full redraw gives the same pixels
    >>> bool((np.asarray(fig.canvas.buffer_rgba()) == img).all())
    True
    >>> plt.close(fig)
    """

    def __init__(self, fig, dpi: float):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.fig = fig
        fig.set_dpi(dpi)
        self.canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        self._background = None
        self._hidden: set = set()          # artists drawn over the background
        self._kept: set = set()            # artists in the background
        self._items = None
        self._states = None
        self.full_draws = 0
        self.partial_draws = 0

    def _draw_order(self):
        """The figure's drawing order: (artist, axes or None, is a whole axes)."""
        from matplotlib.axes import Axes

        fig = self.fig
        order = []
        children = [c for c in fig.get_children() if c is not fig.patch and not c.get_animated()]
        for child in sorted(children, key=lambda a: a.get_zorder()):
            if isinstance(child, Axes):
                order.append((child, None, True))
                kids = [k for k in child.get_children()
                        if k is not child.patch and not k.get_animated()]
                order.extend((k, child, False) for k in sorted(kids, key=lambda a: a.get_zorder()))
            else:
                order.append((child, None, False))
        return order

    def _changed(self, item, states) -> bool:
        artist, _, whole = item
        if whole:
            return states[artist] != self._states.get(artist)
        if artist not in self._kept and artist not in self._hidden:
            return True                                 # added since the last frame
        return artist.stale or _always_dirty(artist)

    def _to_redraw(self, items, states) -> set:
        """The artists that must be drawn over a background without them: those that
        changed, and every item drawn after one of these whose footprint overlaps it
        (a whole axes, or an artist whose footprint is not known, counts as
        overlapping everything after it)."""
        renderer = self.canvas.get_renderer()
        redraw = set()
        boxes = np.empty((0, 4))                # footprints of the items to redraw
        anywhere = False
        for item in items:
            artist, axes, whole = item
            if anywhere or axes in redraw:      # (an axes redrawn draws all its children)
                redraw.add(artist)
                continue
            changed = self._changed(item, states)
            if not changed and not len(boxes):
                continue
            # a whole axes' own pixels: its background patch, before all its children
            box = _footprint(artist.patch, renderer) if whole else _footprint(artist, renderer)
            if not changed and not whole:
                artist.stale = False            # an annotation's extent places its arrow anew
            if changed or _overlap(box, boxes):
                redraw.add(artist)
                if whole:                       # it draws all its children: where they draw
                    before = self._states.get(artist)
                    if before is None or before[1] != states[artist][1]:
                        box = _ANYWHERE         # moved: its legend, say, moves too
                    else:
                        kids = [a for a, owner, _ in items if owner is artist]
                        box = np.vstack([box, *(_footprint(kid, renderer) for kid in kids)])
                if np.isinf(box).any():
                    anywhere = True
                else:
                    boxes = np.vstack([boxes, box])
        return redraw

    def render(self) -> np.ndarray:
        """Draw the figure as it is now and return the canvas as an RGBA array (a view)."""
        items = self._draw_order()
        states = {a: _axes_state(a) for a, _, whole in items if whole}
        # the same axes as before (artists may come and go: they count as changes)
        known = (self._background is not None and not self.fig.patch.stale
                 and [a for a, _, whole in items if whole]
                 == [a for a, _, whole in self._items if whole])
        redraw = self._to_redraw(items, states) if known else None
        if (known and self._kept <= {a for a, _, _ in items}
                and not any(a in self._kept for a in redraw)):
            # the background's artists are all there and unchanged, and none of them
            # overlaps what is drawn over it: reuse its pixels
            self.canvas.restore_region(self._background)
            self._hidden |= redraw                # artists added: drawn over it from now on
            self.partial_draws += 1
        else:
            # draw everything but what changed and what overlaps it as the new
            # background (all of the figure the first time)
            redraw = redraw or set()
            for artist in redraw:
                artist.set_animated(True)
            try:
                self.canvas.draw()
            finally:
                for artist in redraw:
                    artist.set_animated(False)
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            self._hidden = redraw
            self._kept = {a for a, _, _ in items} - redraw
            self.full_draws += 1
        renderer = self.canvas.get_renderer()
        whole_axes = set()
        for artist, axes, whole in items:
            if artist not in self._hidden and artist not in redraw:
                continue                          # in the background
            if axes is None:
                artist.draw(renderer)
                if whole:
                    whole_axes.add(artist)
            elif axes not in whole_axes:          # not drawn with its whole axes
                axes.draw_artist(artist)
        self._items, self._states = items, states
        return np.asarray(self.canvas.buffer_rgba())


def _check_controls(controls: Mapping[str, Any]) -> dict[str, list]:
    if not 1 <= len(controls) <= 2:
        raise ValueError(f"explore needs one or two controls (keyword arguments such as "
                         f"beta=np.linspace(0.02, 0.08, 7)); got {len(controls)}: "
                         f"{', '.join(controls) or 'none'}")
    checked = {}
    for name, values in controls.items():
        if isinstance(values, (str, bytes, Mapping)) or not hasattr(values, "__len__"):
            raise TypeError(f"control {name} must be a 1-d sequence of numbers; got {values!r}")
        try:
            arr = np.asarray(values)
        except ValueError:
            raise ValueError(f"control {name} must be a 1-d sequence of numbers; "
                             f"got {values!r}") from None
        if arr.dtype.kind not in "iuf":
            if arr.dtype != object or not all(
                    isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))
                    for v in arr.ravel()):
                raise TypeError(f"control {name} must contain real numbers only; "
                                f"got {values!r}")
            arr = arr.astype(float)
        if arr.ndim != 1:
            raise ValueError(f"control {name} must be a 1-d sequence of numbers; "
                             f"got an array of shape {arr.shape}")
        if arr.size == 0:
            raise ValueError(f"control {name} must have at least one value; got none")
        if not np.isfinite(arr).all():
            raise ValueError(f"control {name} must contain finite numbers only; got {arr}")
        if np.unique(arr).size != arr.size:
            raise ValueError(f"control {name} must not repeat a value; got {arr}")
        checked[name] = arr.tolist()          # Python ints or floats
    return checked


def _check_keys(what: str, mapping, names) -> dict:
    mapping = dict(mapping or {})
    unknown = [k for k in mapping if k not in names]
    if unknown:
        raise ValueError(f"{what} names {', '.join(unknown)}, which is not a control; "
                         f"the controls are: {', '.join(names)}")
    return mapping


def _formatter(name: str, fmt) -> Callable[[Any], str]:
    if fmt is None:
        fmt = _DEFAULT_FORMAT
    if callable(fmt):
        return fmt
    if not isinstance(fmt, str):
        raise TypeError(f"formats[{name!r}] must be a str.format template such as '{{:.3f}}' "
                        f"or a callable; got {fmt!r}")
    try:
        fmt.format(1.0)
    except (IndexError, KeyError, ValueError) as exc:
        raise ValueError(f"formats[{name!r}] must be a template with one positional field "
                         f"such as '{{:.3f}}'; {fmt!r} failed: {exc}") from None
    return fmt.format


def _labels_text(names, labels, fmt, params) -> str:
    return ",  ".join(f"{labels[n]} = {fmt[n](params[n])}" for n in names)


def _make_room(fig, text) -> None:
    """Move the axes down if their decorations would overlap the corner text."""
    renderer = fig.canvas.get_renderer()
    box = text.get_window_extent(renderer)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    if not axes:
        return
    for _ in range(3):
        tights = [ax.get_tightbbox(renderer) for ax in axes]
        if not any(t is not None and t.overlaps(box) for t in tights):
            return
        height = fig.bbox.height
        top = max(t.y1 for t in tights if t is not None) / height
        bottom = min(t.y0 for t in tights if t is not None) / height
        limit = (box.y0 - 4) / height
        if limit <= bottom:
            return
        scale = (limit - bottom) / (top - bottom)
        for ax in axes:
            pos = ax.get_position()
            ax.set_position([pos.x0, bottom + (pos.y0 - bottom) * scale,
                             pos.width, pos.height * scale])


def render_frames(setup: Callable[[], tuple[Any, Callable[..., None]]], *,
                  alt: str | Callable[..., str], labels: Mapping[str, str] | None = None,
                  formats: Mapping[str, Any] | None = None,
                  initial: Mapping[str, float] | None = None,
                  **controls) -> tuple[list[Frame], dict]:
    """Draw every frame of an :func:`explore` widget.

    Returns the frames in row-major order (the first control varies slowest)
    and a dict with the checked ``controls``, the slider ``labels`` and value
    ``formats`` (callables) and the ``initial`` index of each control. The
    arguments are those of :func:`explore`.

    Every frame is the one figure made by ``setup`` after ``update(**params)``,
    drawn at ``DPI`` dots per inch with the figure's full size, so that all
    frames have the same size, and encoded as :func:`encode_png` encodes it
    (by a :class:`FrameEncoder`, which maps only the tiles that changed). Only
    the artists that changed since the previous frame, and those drawn after
    them that they overlap, are redrawn (:class:`FrameRenderer`); the image is
    the same as a full redraw. The figure is closed at the end.
    """
    values = _check_controls(controls)
    names = list(values)
    n_frames = math.prod(len(v) for v in values.values())
    if n_frames > MAX_FRAMES:
        sizes = " x ".join(f"{len(values[n])} values of {n}" for n in names)
        raise ValueError(f"explore would draw {n_frames} frames ({sizes}); at most {MAX_FRAMES} "
                         "are allowed to keep the page light: use fewer values")
    labels = _check_keys("labels", labels, names)
    formats = _check_keys("formats", formats, names)
    initial = _check_keys("initial", initial, names)
    label = {n: str(labels.get(n, n)) for n in names}
    fmt = {n: _formatter(n, formats.get(n)) for n in names}
    for n in names:
        shown = [fmt[n](v) for v in values[n]]
        if len(set(shown)) != len(shown):
            raise ValueError(f"control {n}: two values look the same with its format "
                             f"({shown}); give formats={{{n!r}: ...}} more digits")
    start = {}
    for n in names:
        if n in initial:
            target = float(np.asarray(initial[n], dtype=float))
            if not np.isfinite(target):
                raise ValueError(f"initial[{n!r}] must be a finite number; got {initial[n]!r}")
            start[n] = int(np.argmin(np.abs(np.asarray(values[n], dtype=float) - target)))
        else:
            start[n] = (len(values[n]) - 1) // 2
    # Check the alt text before drawing anything.
    alt_text(alt, **{n: values[n][start[n]] for n in names})

    made = setup()
    if not (isinstance(made, tuple) and len(made) == 2 and callable(made[1])):
        for fig in made if isinstance(made, tuple) else (made,):
            if isinstance(fig, mpl.figure.Figure):
                plt.close(fig)
        raise TypeError("setup() must return (fig, update) with update a callable; "
                        f"got {type(made).__name__}")
    fig, update = made
    try:
        corner = fig.text(0.995, 0.99, "", ha="right", va="top", fontsize=9,
                          color="#333333", zorder=10)
        # Lay the figure out once, for the first frame shown, then freeze it so
        # that the axes do not jump from one frame to the next.
        first = {n: values[n][start[n]] for n in names}
        update(**first)
        corner.set_text(_labels_text(names, label, fmt, first))
        fig.canvas.draw()
        if fig.get_layout_engine() is not None:
            fig.set_layout_engine("none")
        _make_room(fig, corner)

        frames: list[Frame] = []
        total = 0
        size = tuple(float(x) for x in fig.get_size_inches())
        draw, encoder = FrameRenderer(fig, DPI), FrameEncoder()
        for index in np.ndindex(*(len(values[n]) for n in names)):
            params = {n: values[n][i] for n, i in zip(names, index)}
            update(**params)
            corner.set_text(_labels_text(names, label, fmt, params))
            png = encoder.encode(draw.render())
            total += len(png)
            if total > MAX_BYTES:
                raise ValueError(f"the frames of this widget exceed {MAX_BYTES / 1e6:.1f} MB "
                                 f"after {len(frames) + 1} of {n_frames} frames; use fewer "
                                 "values or a simpler figure")
            frames.append(Frame(tuple(int(i) for i in index), params, png,
                                alt_text(alt, **params)))
    finally:
        plt.close(fig)
    return frames, {"controls": values, "labels": label, "formats": fmt, "initial": start,
                    "size": size}


def _json_for_html(obj) -> str:
    """JSON that can sit inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&``."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its IHDR chunk."""
    if png[:8] != _PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("a frame is not a PNG image")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


class StaticExplorer:
    """The frames of an :func:`explore` figure, shown as a self-contained HTML component.

    :func:`explore` returns this object instead of ipywidgets when the
    environment variable :data:`STATIC_ENV` is ``"1"`` (while the book is
    built). Its ``_repr_html_`` is a ``<div class="janus-explore">`` with, for
    each control, a ``<label>``, an ``<input type="range">`` over the indices
    of the control's values and an ``<output>`` with the formatted value; then
    one ``<img>`` showing the initial frame; then a
    ``<script type="application/json">`` with the formatted values of each
    control and every frame's ``data:`` URI and alt text, in the order of
    ``frames`` (row-major, the first control varying slowest). The book's
    script ``_static/janus-explore.js`` makes the sliders move the picture;
    without it the reader still sees the initial frame.

    Parameters
    ----------
    frames : list of Frame
        The frames, as returned by :func:`render_frames`.
    info : dict
        The second value returned by :func:`render_frames`: ``controls``,
        ``labels``, ``formats``, ``initial`` and ``size`` (inches).

    Raises
    ------
    ValueError
        If the number of frames is not the product of the numbers of values
        of the controls.

    Attributes
    ----------
    frames : list of Frame
        The frames, in row-major order.
    controls : dict
        Each control's values.
    labels : dict
        Each control's display name.
    values_text : dict
        Each control's values as shown, formatted with the control's format.
    initial : dict
        The index of each control's initial value.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> def setup():
    ...     fig, ax = plt.subplots(figsize=(2, 1.5))
    ...     (point,) = ax.plot([0], [0], "o")
    ...     ax.set(xlim=(0, 4), ylim=(0, 4))
    ...     return fig, lambda x: point.set_data([x], [1])
    >>> frames, info = render_frames(setup, x=[1, 2, 3], alt="A point at x = {x}")
    >>> fig = StaticExplorer(frames, info)
    >>> fig.values_text, fig.initial
    ({'x': ['1', '2', '3']}, {'x': 1})
    >>> fig.initial_frame.alt
    'A point at x = 2'
    >>> html = fig._repr_html_()
    >>> html.startswith('<div class="janus-explore"'), html.count('type="range"')
    (True, 1)
    """

    def __init__(self, frames: list[Frame], info: Mapping[str, Any]):
        self.frames = list(frames)
        self.controls = {n: list(v) for n, v in info["controls"].items()}
        names = list(self.controls)
        if len(self.frames) != math.prod(len(v) for v in self.controls.values()):
            raise ValueError(f"frames must hold one frame per combination of control values: "
                             f"{math.prod(len(v) for v in self.controls.values())}; "
                             f"got {len(self.frames)}")
        self.labels = {n: str(info["labels"][n]) for n in names}
        self.values_text = {n: [str(info["formats"][n](v)) for v in self.controls[n]]
                            for n in names}
        self.initial = {n: int(info["initial"][n]) for n in names}
        self.size = tuple(float(x) for x in info["size"])

    def _initial_index(self) -> int:
        index = 0
        for n in self.controls:
            index = index * len(self.controls[n]) + self.initial[n]
        return index

    @property
    def initial_frame(self) -> Frame:
        """The frame shown first: that of every control's initial value."""
        return self.frames[self._initial_index()]

    def __repr__(self) -> str:
        shape = " x ".join(f"{len(v)} {n}" for n, v in self.controls.items())
        return f"<StaticExplorer: {len(self.frames)} frames ({shape})>"

    def _repr_html_(self) -> str:
        esc = functools.partial(html.escape, quote=True)
        digest = hashlib.sha1()
        for frame in self.frames:
            digest.update(frame.png)
            digest.update(frame.alt.encode("utf-8"))
        uid = f"{DOM_CLASS}-{digest.hexdigest()[:10]}"
        uris = ["data:image/png;base64," + base64.b64encode(f.png).decode("ascii")
                for f in self.frames]
        names = list(self.controls)
        parts = [f'<div class="{DOM_CLASS}" id="{uid}" data-frames="{len(self.frames)}">',
                 f'<div class="{DOM_CLASS}-controls">']
        for k, n in enumerate(names):
            shown = self.values_text[n][self.initial[n]]
            parts.append(
                f'<div class="{DOM_CLASS}-control">'
                f'<label for="{uid}-{k}">{esc(self.labels[n])}</label>'
                f'<input type="range" id="{uid}-{k}" name="{esc(n)}" min="0" '
                f'max="{len(self.controls[n]) - 1}" step="1" value="{self.initial[n]}" '
                f'aria-valuetext="{esc(shown)}">'
                f'<output for="{uid}-{k}">{esc(shown)}</output></div>')
        parts.append("</div>")
        first = self.initial_frame
        width, height = _png_size(first.png)
        css_width = self.size[0] * COLUMN_PX / FIGURE_WIDTH_IN
        parts.append(f'<img class="{DOM_CLASS}-frame" src="{uris[self._initial_index()]}" '
                     f'alt="{esc(first.alt)}" width="{width}" height="{height}" '
                     f'style="width: {css_width:.0f}px; max-width: 100%; height: auto;">')
        data = {"controls": [{"name": n, "label": self.labels[n], "values": self.values_text[n],
                              "initial": self.initial[n]} for n in names],
                "frames": [{"src": uri, "alt": f.alt} for uri, f in zip(uris, self.frames)]}
        parts.append(f'<script type="application/json" class="{DOM_CLASS}-data">'
                     f"{_json_for_html(data)}</script>")
        parts.append("</div>")
        return "".join(parts)


@functools.cache
def _frame_image_class():
    # ipywidgets is imported only for a live kernel: the book's build never needs it
    import ipywidgets
    import traitlets

    class FrameImage(ipywidgets.Image):
        """An :class:`ipywidgets.Image` whose ``tooltip`` is shown as its ``title``.

        :func:`explore` sets the tooltip of each frame to its alt text: Jupyter
        then gives the image that accessible name, and the book's pages copy it
        into the ``alt`` attribute. ipywidgets' front end sets ``title`` only for
        widgets with an empty ``description``, a trait ``Image`` lacks (and fails
        without it), hence this subclass. (Made on first use, so that importing
        :mod:`janus.widgets` does not import ipywidgets.)
        """

        description = traitlets.Unicode("").tag(sync=True)

    FrameImage.__module__, FrameImage.__qualname__ = __name__, "FrameImage"
    return FrameImage


def __getattr__(name):
    if name == "FrameImage":
        return _frame_image_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def explore(setup: Callable[[], tuple[Any, Callable[..., None]]], *,
            alt: str | Callable[..., str], labels: Mapping[str, str] | None = None,
            formats: Mapping[str, Any] | None = None,
            initial: Mapping[str, float] | None = None, **controls):
    r"""An interactive figure with one or two sliders that works without a kernel.

    Parameters
    ----------
    setup : callable
        Called once with no argument. It creates one matplotlib figure, draws
        its static parts and returns ``(fig, update)``; ``update(**params)``
        changes the artists in place (``set_data``, ``set_text``, ...) for one
        combination of control values.
    alt : str or callable
        Alt text of each frame: a :meth:`str.format` template with the control
        names, e.g. ``"Wage density when beta = {beta:.3f}"``, or a callable
        ``alt(**params) -> str``.
    labels : dict, optional
        Display names of the sliders, e.g. ``{"beta": "β"}``.
    formats : dict, optional
        Value formats, e.g. ``{"beta": "{:.3f}"}`` (default ``"{:.4g}"``), used
        by the sliders and by the values printed in the figure's corner.
    initial : dict, optional
        Starting values (the nearest value of the control); default: the
        middle value.
    **controls : sequence of numbers
        One or two controls, each a non-empty 1-d sequence of distinct finite
        numbers, e.g. ``beta=np.linspace(0.02, 0.08, 7), sigma=[10, 15, 20]``.
        At most ``MAX_FRAMES`` frames in all, and ``MAX_BYTES`` of PNG data.

    Returns
    -------
    ipywidgets.VBox or StaticExplorer
        The sliders followed by the stack of frames; or, when the environment
        variable :data:`STATIC_ENV` is ``"1"`` (the book's build), a
        :class:`StaticExplorer` holding the same frames, shown as HTML
        without ipywidgets.

    Raises
    ------
    ValueError
        With zero or more than two controls, an empty, non-finite or repeated
        control, a name in ``labels``/``formats``/``initial``/``alt`` that is
        not a control, or too many frames or bytes.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> def setup():
    ...     fig, ax = plt.subplots()
    ...     (point,) = ax.plot([0], [0], "o")
    ...     ax.set(xlim=(0, 4), ylim=(0, 4))
    ...     return fig, lambda x, y: point.set_data([x], [y])
    >>> w = explore(setup, x=[1, 2, 3], y=[1, 3], alt="A point at ({x}, {y})")
    >>> outer = w.children[-1]
    >>> [len(inner.children) for inner in outer.children]
    [2, 2, 2]
    >>> outer.children[2].children[1].tooltip
    'A point at (3, 3)'
    >>> explore(setup, alt="nothing")
    Traceback (most recent call last):
    ...
    ValueError: explore needs one or two controls (keyword arguments such as beta=np.linspace(0.02, 0.08, 7)); got 0: none
    """
    frames, info = render_frames(setup, alt=alt, labels=labels, formats=formats,
                                 initial=initial, **controls)
    if static_figures():
        return StaticExplorer(frames, info)
    import ipywidgets as widgets

    FrameImage = _frame_image_class()
    values, label, fmt, start = info["controls"], info["labels"], info["formats"], info["initial"]
    names = list(values)
    width = f"{info['size'][0] * COLUMN_PX / FIGURE_WIDTH_IN:.0f}px"
    images = [FrameImage(value=f.png, format="png", tooltip=f.alt,
                         layout=widgets.Layout(width=width, max_width="100%", height="auto"))
              for f in frames]
    sliders = [
        widgets.SelectionSlider(
            options=[(fmt[n](v), v) for v in values[n]], index=start[n], description=label[n],
            continuous_update=True, readout=True, style={"description_width": "initial"},
            layout=widgets.Layout(width="min(100%, 28em)"),
            tooltip=f"{label[n]}: {len(values[n])} values",
        )
        for n in names
    ]
    if len(names) == 1:
        stack = widgets.Stack(images, selected_index=start[names[0]])
        links = [widgets.jslink((sliders[0], "index"), (stack, "selected_index"))]
    else:
        n_inner = len(values[names[1]])
        inner = [widgets.Stack(images[i * n_inner:(i + 1) * n_inner],
                               selected_index=start[names[1]])
                 for i in range(len(values[names[0]]))]
        stack = widgets.Stack(inner, selected_index=start[names[0]])
        links = [widgets.jslink((sliders[0], "index"), (stack, "selected_index"))]
        links += [widgets.jslink((sliders[1], "index"), (s, "selected_index")) for s in inner]
    box = widgets.VBox([*sliders, stack])
    box.add_class(DOM_CLASS)
    return box
