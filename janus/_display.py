"""``glue`` for the reader notebooks: show figures where the book glues them away.

The book's chapters store figures and numbers for the text with myst-nb's
``glue(name, value, display=False)`` and then close the figure: on the website the
figure appears where the text places it (``{glue:figure}``). A reader notebook has no
such placement, so its cells import this ``glue`` instead (the converter of
``tools/sphinx/reader_notebooks.py`` rewrites ``from myst_nb import glue``): a
matplotlib figure is shown where it is glued, a number is shown only if ``display``
is true, and nothing is stored. It needs neither myst-nb nor Sphinx, so it also works
on Colab.
"""

from __future__ import annotations


def _is_figure(value) -> bool:
    """True for a matplotlib figure (without importing matplotlib if it is not loaded)."""
    import sys

    figure = sys.modules.get("matplotlib.figure")
    return figure is not None and isinstance(value, figure.Figure)


def glue(name, variable, display=True):
    """Show a glued value in a reader notebook: figures always, other values if asked.

    Parameters
    ----------
    name : str
        The glue key (kept for the call's signature; nothing is stored).
    variable : object
        The glued value. A matplotlib figure is shown.
    display : bool, default True
        Show a value that is not a figure, as myst-nb's ``glue`` does.

    Returns
    -------
    None

    Raises
    ------
    TypeError
        If ``name`` is not a string.

    Examples
    --------
    >>> glue("ch1_mean", 1.25, display=False)   # a number for the text: nothing shown
    >>> glue("ch1_mean", 1.25)
    1.25
    >>> glue(3, 1.25)
    Traceback (most recent call last):
    ...
    TypeError: name must be a str (a glue key), got int
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str (a glue key), got {type(name).__name__}")
    if _is_figure(variable) or display:
        from IPython.display import display as show

        show(variable)
