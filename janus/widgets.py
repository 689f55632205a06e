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
shows the current values in its top-right corner. :func:`static_figure` gives a
static figure its alt text in the same way.

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

import io
import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import ipywidgets as widgets
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import traitlets

__all__ = ["explore", "render_frames", "alt_text", "static_figure", "Frame",
           "FrameImage", "MAX_FRAMES", "MAX_BYTES", "DPI"]

#: Resolution of the frames in dots per inch (the book's figures are 6.4 x 3.8 in).
DPI = 80

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


def static_figure(fig, *, alt: str, dpi: float = 100):
    """Show a matplotlib figure as a PNG image that carries alt text, and close it.

    Notebook outputs made by matplotlib have no alt text; this returns an HTML
    ``<img>`` with the figure inlined and ``alt`` set (escaped), which the
    static website and Jupyter display the same way. Use it as the last
    expression of a cell.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> html = static_figure(fig, alt='Median < mean, "always"').data
    >>> html.startswith('<img alt="Median &lt; mean, &quot;always&quot;" src="data:image/png;base64,')
    True
    """
    import base64
    import html

    from IPython.display import HTML

    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"alt must be a non-empty text describing the figure; got {alt!r}")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return HTML(f'<img alt="{html.escape(" ".join(alt.split()), quote=True)}" '
                f'src="data:image/png;base64,{data}" style="max-width: 100%; height: auto;">')


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
    saved as a PNG of ``DPI`` dots per inch with the figure's full size, so that
    all frames have the same size. The figure is closed at the end.
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
        for index in np.ndindex(*(len(values[n]) for n in names)):
            params = {n: values[n][i] for n, i in zip(names, index)}
            update(**params)
            corner.set_text(_labels_text(names, label, fmt, params))
            buf = io.BytesIO()
            with mpl.rc_context({"savefig.bbox": "standard"}):
                fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
            png = buf.getvalue()
            total += len(png)
            if total > MAX_BYTES:
                raise ValueError(f"the frames of this widget exceed {MAX_BYTES / 1e6:.1f} MB "
                                 f"after {len(frames) + 1} of {n_frames} frames; use fewer "
                                 "values or a simpler figure")
            frames.append(Frame(tuple(int(i) for i in index), params, png,
                                alt_text(alt, **params)))
    finally:
        plt.close(fig)
    return frames, {"controls": values, "labels": label, "formats": fmt, "initial": start}


class FrameImage(widgets.Image):
    """An :class:`ipywidgets.Image` whose ``tooltip`` is shown as its ``title``.

    :func:`explore` sets the tooltip of each frame to its alt text: Jupyter
    then gives the image that accessible name, and the book's pages copy it
    into the ``alt`` attribute. ipywidgets' front end sets ``title`` only for
    widgets with an empty ``description``, a trait ``Image`` lacks (and fails
    without it), hence this subclass.
    """

    description = traitlets.Unicode("").tag(sync=True)


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
    ipywidgets.VBox
        The sliders followed by the stack of frames.

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
    values, label, fmt, start = info["controls"], info["labels"], info["formats"], info["initial"]
    names = list(values)
    images = [FrameImage(value=f.png, format="png", tooltip=f.alt,
                         layout=widgets.Layout(max_width="100%", height="auto"))
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
