"""Input checks shared by every module of :mod:`janus`.

Each check converts its input to a float array and raises a :class:`ValueError`
(or :class:`TypeError`) that names the parameter and the allowed range, so that
bad input never turns into a silent NaN further down.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_float(name: str, value, *, low=-np.inf, high=np.inf, low_open=False,
             high_open=False, allow_inf=False) -> np.ndarray:
    """Return ``value`` as a float array after checking that it lies in a range.

    Parameters
    ----------
    name : str
        The parameter's name, used in the error message.
    value : array_like
        Real numbers (booleans, strings and complex numbers are refused).
    low, high : float
        The bounds of the allowed range.
    low_open, high_open : bool
        Whether the bound itself is excluded.
    allow_inf : bool
        Whether infinite values are allowed (they must still lie in the range).

    Returns
    -------
    numpy.ndarray
        A new float array (0-d for a scalar).

    Raises
    ------
    TypeError
        If ``value`` is a string, ``None``, a boolean, complex or otherwise not real.
    ValueError
        If ``value`` holds NaN, infinite values (unless ``allow_inf``) or values
        outside the range; the message names ``name``, the range and the values.

    Examples
    --------
    >>> float(as_float("sigma", 15, low=0, low_open=True))
    15.0
    >>> as_float("sigma", -1, low=0, low_open=True)
    Traceback (most recent call last):
    ...
    ValueError: sigma must be > 0; got -1.0
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a real number or an array of real numbers; got {value!r}")
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a real number, not a boolean; got {value!r}")
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - numpy refuses very odd objects
        raise TypeError(f"{name} must be array_like of real numbers; got {value!r}") from exc
    if arr.dtype == object:
        if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in arr.flat):
            raise TypeError(f"{name} must contain real numbers only; got {value!r}")
        arr = arr.astype(float)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must contain real numbers; got dtype {arr.dtype}")
    arr = arr.astype(float)
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not be NaN; got {_show(arr)}")
    if not allow_inf and np.isinf(arr).any():
        raise ValueError(f"{name} must be finite; got {_show(arr)}")
    bad_low = (arr <= low) if low_open else (arr < low)
    bad_high = (arr >= high) if high_open else (arr > high)
    if bad_low.any() or bad_high.any():
        raise ValueError(f"{name} must be {_range_text(low, high, low_open, high_open)}; "
                         f"got {_show(arr[bad_low | bad_high])}")
    return arr


def broadcast(**arrays: np.ndarray) -> list[np.ndarray]:
    """Broadcast named arrays against each other, naming them if they do not fit.

    Parameters
    ----------
    **arrays : numpy.ndarray
        The arrays, by the names to use in an error message.

    Returns
    -------
    list of numpy.ndarray
        Read-only broadcast views, in the order given.

    Raises
    ------
    ValueError
        If the shapes do not broadcast, naming each array and its shape.

    Examples
    --------
    >>> a, b = broadcast(beta=np.ones(3), sigma=np.ones((2, 1)))
    >>> a.shape
    (2, 3)
    """
    try:
        return list(np.broadcast_arrays(*arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{k} {np.shape(v)}" for k, v in arrays.items())
        raise ValueError(f"the shapes of {', '.join(arrays)} cannot be broadcast together: "
                         f"{shapes}") from None


def scalar_or_array(arr: np.ndarray):
    """Return a numpy scalar for 0-d results (as ``scipy.stats`` does), else the array.

    Parameters
    ----------
    arr : array_like

    Returns
    -------
    numpy scalar or numpy.ndarray

    Examples
    --------
    >>> type(scalar_or_array(np.array(2.0))).__name__, scalar_or_array(np.ones(2)).shape
    ('float64', (2,))
    """
    arr = np.asarray(arr)
    return arr[()] if arr.ndim == 0 else arr


def at_index(bad) -> str:
    """Name the offending elements of a sweep: `` (at index [(0,), (2,)])``, or ``''`` for a scalar.

    Parameters
    ----------
    bad : array_like of bool
        Where the condition fails.

    Returns
    -------
    str
        The first five offending indices, to append to an error message.

    Examples
    --------
    >>> at_index(np.array([False, True, True]))
    ' (at index [(1,), (2,)])'
    >>> at_index(True)
    ''
    """
    bad = np.asarray(bad)
    if bad.ndim == 0:
        return ""
    return f" (at index {[tuple(int(j) for j in i) for i in np.argwhere(bad)[:5]]})"


def _range_text(low, high, low_open, high_open) -> str:
    lo = f"{'>' if low_open else '>='} {low:g}" if np.isfinite(low) else ""
    hi = f"{'<' if high_open else '<='} {high:g}" if np.isfinite(high) else ""
    if lo and hi:
        return f"{lo} and {hi}"
    return lo or hi or "a real number"


def _show(arr: np.ndarray) -> str:
    arr = np.asarray(arr)
    if arr.size == 1:
        return repr(float(arr.reshape(-1)[0]))
    return np.array2string(arr.reshape(-1)[:5], precision=4) + (" ..." if arr.size > 5 else "")
