r"""The book's U.S. data: household income, income inequality, GDP per capita.

Three CSV files in the repository's ``data/`` folder, whose provenance is recorded in
``data/README.md`` and ``data/SOURCES.md``:

* ``us_household_income.csv``: median and mean household money income, 1967-2024
  (:func:`load_household_income`);
* ``us_income_inequality.csv``: Gini index, quintile and top-5 % income shares, 1967-2024
  (:func:`load_income_inequality`);
* ``us_gdp_per_capita.csv``: real GDP per capita, quarterly, FRED A939RX0Q048SBEA
  (:func:`load_gdp_per_capita`, :func:`annual_gdp_per_capita`).

Every loader first checks the file's SHA-256 against :data:`SHA256` (see :func:`verify`),
then parses it strictly: the header must be exactly the expected columns in order,
years must be integers in the expected range, numbers must be plain decimals (no
thousands separators, no ``nan``, no exponent), required cells must not be empty,
and the economic constraints hold (median :math:`\le` mean, shares in [0, 100]).
Anything else raises a :class:`ValueError` naming the file, the line (the header is
line 1), the year and the column.

**Series breaks.** Census prints two estimates for 2013 (traditional and redesigned
income questions) and for 2017 (legacy and updated processing system). In the files
the first row of each pair is comparable with earlier years and the second with
later years; the loaders check this against the ``source`` text and let the caller
choose with ``breaks``:

* ``"later"`` (default): the row comparable with later years (the book compares with 2024);
* ``"earlier"``: the row comparable with earlier years;
* ``"both"``: both rows (the ``year`` index is then not unique); the ``method``
  column tells them apart.

The ``method`` column is ``"single"`` for years with one estimate and, for the two
break years, the names in :data:`BREAKS`.

**Locating the data.** The folder is, in this order: the ``data_dir`` argument, the
environment variable ``JANUS_DATA``, or ``data/`` next to the ``janus`` package
(``janus/../data``, which is where it is in a clone of the repository, on Binder and
with an editable install). See :func:`data_folder`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "SHA256", "BREAKS", "ENV_VAR", "data_folder", "verify",
    "load_household_income", "load_income_inequality",
    "load_gdp_per_capita", "annual_gdp_per_capita",
]

#: SHA-256 of each data file, as copied unchanged from the project's data record.
SHA256 = {
    "us_household_income.csv": "1f7f9b993add45a87b62bcbf0b4e016c8df1357b32280735af1e71d3b32bb35c",
    "us_income_inequality.csv": "693b580fa625575da424c4ad4c0abcd0587b83db319f7703a88bd04412165a0f",
    "us_gdp_per_capita.csv": "5079b489238db31936606d1738d68c0569df30414da8647dcfb7bf35f8852039",
}

#: The years with two Census estimates: ``year -> (method of the row comparable with
#: earlier years, method of the row comparable with later years)``.
BREAKS = {2013: ("traditional", "redesigned"), 2017: ("legacy", "updated")}

#: The environment variable that overrides the location of the data folder.
ENV_VAR = "JANUS_DATA"

# Words the ``source`` cell of each row of a break pair must contain (checked, not assumed).
_BREAK_MARKERS = {
    2013: ("OLD-METHOD", "NEW-METHOD"),
    2017: ("LEGACY", "UPDATED"),
}
_BREAK_OPTIONS = ("later", "earlier", "both")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)
_YEAR = re.compile(r"[0-9]{4}", re.ASCII)
_QUARTER = re.compile(r"([0-9]{4})Q([1-4])", re.ASCII)

_INCOME_FILE = "us_household_income.csv"
_INCOME_COLUMNS = ("year", "median_nominal", "mean_nominal", "median_real", "mean_real",
                   "real_dollar_base", "source")
_INCOME_YEARS = (1967, 2024)
# Columns that may be empty, and the only years in which they may be.
_INCOME_OPTIONAL = {"mean_nominal": range(1967, 1975)}

_INEQUALITY_FILE = "us_income_inequality.csv"
_SHARES = ("q1_share", "q2_share", "q3_share", "q4_share", "q5_share", "top5_share")
_INEQUALITY_COLUMNS = ("year", "gini") + _SHARES + ("source",)
_INEQUALITY_YEARS = (1967, 2024)
_INEQUALITY_OPTIONAL = {c: range(2024, 2025) for c in ("gini", "q2_share", "q4_share", "top5_share")}

_GDP_FILE = "us_gdp_per_capita.csv"
_GDP_COLUMNS = ("year", "value", "units", "source")
_GDP_YEARS = (1947, 2026)     # FRED A939RX0Q048SBEA starts in 1947Q1


def data_folder(data_dir=None) -> Path:
    """The folder holding the book's CSV files.

    Parameters
    ----------
    data_dir : str or os.PathLike, optional
        Use this folder. Without it, the environment variable ``JANUS_DATA`` is used
        if set; else ``data/`` next to the ``janus`` package (``janus/../data``, a
        clone of the book's repository with ``janus`` installed in editable mode);
        else the first ``data/`` folder holding the book's files in the current
        directory or one of its parents (a chapter notebook run from ``chapters/``
        with ``janus`` installed from ``requirements.txt``, as on Binder). A folder
        found this way (not given) must hold every file of :data:`SHA256`: a
        ``data/`` folder of some other project next to the package is skipped.

    Returns
    -------
    pathlib.Path
        The folder.

    Raises
    ------
    FileNotFoundError
        If the given folder (``data_dir`` or ``JANUS_DATA``) does not exist, or no
        folder holding the book's files is found.

    Examples
    --------
    >>> (data_folder() / "us_household_income.csv").is_file()
    True
    """
    if data_dir is not None:
        folder, how = Path(data_dir).expanduser(), "data_dir"
    elif os.environ.get(ENV_VAR):
        folder, how = Path(os.environ[ENV_VAR]).expanduser(), f"${ENV_VAR}"
    else:
        here = Path.cwd().resolve()
        candidates = [Path(__file__).resolve().parent.parent / "data",
                      *(d / "data" for d in (here, *here.parents))]
        found = [d for d in candidates if all((d / name).is_file() for name in SHA256)]
        if not found:
            raise FileNotFoundError(
                f"no folder holding the Janus data files {sorted(SHA256)} was found in janus/../data "
                "or in a data/ folder of the current directory or its parents; pass data_dir= or "
                f"set the environment variable {ENV_VAR} to the repository's data/ folder")
        return found[0]
    if not folder.is_dir():
        raise FileNotFoundError(
            f"the Janus data folder {str(folder)!r} (from {how}) does not exist; pass data_dir= "
            f"or set the environment variable {ENV_VAR} to the repository's data/ folder")
    return folder


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify(path=None) -> dict[str, str]:
    """Check data files against the registry :data:`SHA256`.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A data file (its name must be a key of :data:`SHA256`) or a folder, in which
        case every file of the registry is checked. Default: :func:`data_folder`.

    Returns
    -------
    dict
        File name -> SHA-256 of the files checked.

    Raises
    ------
    ValueError
        Naming the file, if its checksum differs from the registry or its name is not
        in the registry.
    FileNotFoundError
        If a file is missing.

    Examples
    --------
    >>> sorted(verify()) == sorted(SHA256)
    True
    """
    path = data_folder() if path is None else Path(path)
    files = [path / name for name in SHA256] if path.is_dir() else [path]
    checked = {}
    for file in files:
        if file.name not in SHA256:
            raise ValueError(f"{str(file)!r} is not a registered Janus data file; "
                             f"the registry knows {sorted(SHA256)}")
        if not file.is_file():
            raise FileNotFoundError(f"Janus data file {str(file)!r} not found")
        digest = _sha256(file)
        if digest != SHA256[file.name]:
            raise ValueError(f"{str(file)!r} has SHA-256 {digest}, but the registry janus.data.SHA256 "
                             f"expects {SHA256[file.name]}: the file was modified or is a different "
                             "version (update the registry and data/README.md only with a new, "
                             "documented version of the data)")
        checked[file.name] = digest
    return checked


_verify = verify      # the loaders' ``verify`` argument shadows the function's name


# --------------------------------------------------------------------------- parsing

class _Cursor:
    """Where we are in a file, to name it in error messages."""

    def __init__(self, path: Path):
        self.path = path
        self.line = 1
        self.year = None

    def error(self, message: str, column: str | None = None) -> ValueError:
        where = f"{str(self.path)!r}, line {self.line}"
        if self.year is not None:
            where += f" (year {self.year})"
        if column is not None:
            where += f", column {column!r}"
        return ValueError(f"{where}: {message}")


def _rows(path: Path, columns: tuple[str, ...]):
    """Yield ``(cursor, row dict of raw strings)`` after checking the header."""
    cursor = _Cursor(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise cursor.error(f"the file is not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise cursor.error("the file is empty; expected the header " + ",".join(columns))
        if tuple(header) != columns:
            raise cursor.error(f"the header must be exactly {list(columns)} (in this order); "
                               f"got {header}")
        any_row = False
        while True:
            start = reader.line_num + 1      # a quoted field may span lines: name the first
            fields = next(reader, None)
            if fields is None:
                break
            cursor.line = start
            cursor.year = None
            if len(fields) != len(columns):
                raise cursor.error(f"expected {len(columns)} fields, got {len(fields)}: {fields}")
            any_row = True
            yield cursor, dict(zip(columns, fields))
        if not any_row:
            raise cursor.error("the file has a header but no data rows")
    except csv.Error as exc:
        cursor.line = reader.line_num
        raise cursor.error(f"malformed CSV ({exc})") from None


def _year(cursor: _Cursor, raw: str, first: int, last: int) -> int:
    if not _YEAR.fullmatch(raw):
        raise cursor.error(f"the year must be a four-digit integer; got {raw!r}", "year")
    year = int(raw)
    if not first <= year <= last:
        raise cursor.error(f"the year must be between {first} and {last}; got {year}", "year")
    cursor.year = year
    return year


def _number(cursor: _Cursor, row: dict, column: str, *, low=0.0, high=np.inf, low_open=True,
            optional_years=()) -> float | None:
    """A plain non-negative decimal, or ``None`` for an empty cell where that is allowed."""
    raw = row[column]
    if raw == "":
        if cursor.year in optional_years:
            return None
        raise cursor.error("a value is required here and the cell is empty", column)
    if not _NUMBER.fullmatch(raw):
        raise cursor.error("not a plain decimal number (digits with an optional decimal point, "
                           f"no sign, separators, spaces or exponent); got {raw!r}", column)
    value = float(raw)
    too_low = value <= low if low_open else value < low
    if too_low or value > high:
        bound = f"{'>' if low_open else '>='} {low:g}" + (f" and <= {high:g}" if np.isfinite(high) else "")
        raise cursor.error(f"must be {bound}; got {raw}", column)
    return value


def _text(cursor: _Cursor, row: dict, column: str) -> str:
    value = row[column]
    if not value.strip():
        raise cursor.error("must not be empty", column)
    return value


def _check_years(path: Path, records: list[dict], first: int, last: int) -> None:
    """Every year first..last present, ascending; two rows exactly for the break years."""
    seen: dict[int, list[int]] = {}
    previous = None
    for rec in records:
        year, line = rec["year"], rec["_line"]
        where = f"{str(path)!r}, line {line} (year {year}), column 'year'"
        if previous is not None and year < previous:
            raise ValueError(f"{where}: years must be in ascending order; {year} follows {previous}")
        seen.setdefault(year, []).append(line)
        expected = 2 if year in BREAKS else 1
        if len(seen[year]) > expected:
            why = ("only the break years " + " and ".join(map(str, BREAKS)) + " may have two rows"
                   if year not in BREAKS else "a break year has exactly two rows")
            raise ValueError(f"{where}: duplicated year {year} (also on line {seen[year][0]}); {why}")
        previous = year
    missing = [y for y in range(first, last + 1) if y not in seen]
    if missing:
        raise ValueError(f"{str(path)!r}: years {missing} are missing; every year from {first} "
                         f"to {last} must have a row")
    for year in BREAKS:
        if len(seen[year]) != 2:
            raise ValueError(f"{str(path)!r}, line {seen[year][0]} (year {year}), column 'year': "
                             f"the break year {year} must have two rows (comparable with earlier "
                             "and with later years); found one")


def _label_breaks(path: Path, records: list[dict]) -> None:
    """Set each record's ``method``, checking the ``source`` text of the break pairs."""
    position: dict[int, int] = {}
    for rec in records:
        year = rec["year"]
        if year not in BREAKS:
            rec["method"] = "single"
            continue
        k = position.get(year, 0)       # 0: first row of the pair, 1: second row
        position[year] = k + 1
        side = ("earlier", "later")[k]
        marker = _BREAK_MARKERS[year][k]
        phrase = (f"comparable with {year - 1} and earlier" if k == 0
                  else f"comparable with {year + 1} and later")
        source = rec["source"]
        if marker not in source or phrase not in source:
            raise ValueError(
                f"{str(path)!r}, line {rec['_line']} (year {year}), column 'source': row {k + 1} of "
                f"the {year} pair must be the {marker} estimate, {phrase} (the file's convention: "
                f"first row comparable with earlier years, second with later years), but its source "
                f"does not say so: {source!r}")
        rec["method"] = BREAKS[year][k]
        rec["_side"] = side


def _select(records: list[dict], breaks: str) -> list[dict]:
    if not isinstance(breaks, str) or breaks not in _BREAK_OPTIONS:
        raise ValueError(f"breaks must be one of {list(_BREAK_OPTIONS)}; got {breaks!r}")
    if breaks == "both":
        return records
    return [r for r in records if r.get("_side", breaks) == breaks]


def _frame(records: list[dict], columns: dict[str, str | None]) -> pd.DataFrame:
    index = pd.Index(np.array([r["year"] for r in records], dtype=np.int64), name="year")
    data = {}
    for name, dtype in columns.items():
        values = [r[name] for r in records]
        data[name] = pd.array(values, dtype=dtype) if dtype is not None else values
    return pd.DataFrame(data, index=index)


# --------------------------------------------------------------------------- loaders

def load_household_income(breaks: str = "later", *, data_dir=None, verify: bool = True) -> pd.DataFrame:
    r"""U.S. median and mean household money income, 1967-2024 (Census).

    Parameters
    ----------
    breaks : {"later", "earlier", "both"}
        Which estimate to keep for 2013 and 2017, the years Census reports twice:
        the one comparable with later years (default), with earlier years, or both.
    data_dir : str or os.PathLike, optional
        The data folder (default: see :func:`data_folder`).
    verify : bool
        Check the file's SHA-256 against :data:`SHA256` first (default ``True``).

    Returns
    -------
    pandas.DataFrame
        Indexed by the integer income ``year``, with columns

        * ``median_nominal``, ``mean_nominal`` (nullable ``Float64``, current dollars;
          the 1967-1974 means were not found and are ``<NA>``, never filled in);
        * ``median_real``, ``mean_real`` (``float64``): the same in 2024 dollars,
          deflated by Census (C-CPI-U 2000-2024, R-CPI-U-RS 1978-1999, CPI-U-X1
          1967-1977), so that 2024 real = 2024 nominal;
        * ``real_dollar_base``, ``source`` (text, per row);
        * ``method``: ``"single"``, or for 2013 ``"traditional"`` / ``"redesigned"``
          and for 2017 ``"legacy"`` / ``"updated"`` (see :data:`BREAKS`).

    Raises
    ------
    ValueError
        If the checksum differs, a cell is malformed, a year is missing, duplicated
        or out of order, a break row's source does not say which series it belongs
        to, or ``breaks`` is not one of the three options (naming file, line, year,
        column).
    FileNotFoundError
        If the data folder or the file is missing.

    Examples
    --------
    >>> inc = load_household_income()
    >>> int(inc.loc[1975, "median_real"]), int(inc.loc[2024, "mean_real"])
    (58630, 121000)
    >>> inc.index.is_unique, inc.loc[2013, "method"]
    (True, 'redesigned')
    >>> [len(load_household_income(b).loc[[2013]]) for b in ("later", "earlier", "both")]
    [1, 1, 2]
    >>> bool(inc.loc[1967:1974, "mean_nominal"].isna().all())
    True
    """
    path = data_folder(data_dir) / _INCOME_FILE
    if verify:
        _verify(path)
    records = []
    for cursor, row in _rows(path, _INCOME_COLUMNS):
        rec = {"_line": cursor.line, "year": _year(cursor, row["year"], *_INCOME_YEARS)}
        for column in ("median_nominal", "mean_nominal", "median_real", "mean_real"):
            rec[column] = _number(cursor, row, column,
                                  optional_years=_INCOME_OPTIONAL.get(column, ()))
        for kind in ("nominal", "real"):
            median, mean = rec[f"median_{kind}"], rec[f"mean_{kind}"]
            if median is not None and mean is not None and median > mean:
                raise cursor.error(f"the median ({median:g}) exceeds the mean ({mean:g}); "
                                   "household income is right-skewed, so this is a data error",
                                   f"median_{kind}")
        rec["real_dollar_base"] = _text(cursor, row, "real_dollar_base")
        rec["source"] = _text(cursor, row, "source")
        records.append(rec)
    bases = {r["real_dollar_base"] for r in records}
    if len(bases) != 1:
        odd = next(r for r in records if r["real_dollar_base"] != records[0]["real_dollar_base"])
        raise ValueError(f"{str(path)!r}, line {odd['_line']} (year {odd['year']}), column "
                         f"'real_dollar_base': every row must use the same dollars; "
                         f"{odd['real_dollar_base']!r} differs from {records[0]['real_dollar_base']!r}")
    _check_years(path, records, *_INCOME_YEARS)
    _label_breaks(path, records)
    return _frame(_select(records, breaks), {
        "median_nominal": "Float64", "mean_nominal": "Float64",
        "median_real": "float64", "mean_real": "float64",
        "real_dollar_base": None, "source": None, "method": None,
    })


def load_income_inequality(breaks: str = "later", *, data_dir=None, verify: bool = True) -> pd.DataFrame:
    r"""U.S. household income inequality, 1967-2024: Gini index and income shares (Census).

    The shares are **in percent, as printed by Census** (``q5_share == 43.6`` means the
    top fifth of households received 43.6 % of all money income); the Gini index is a
    fraction in [0, 1].

    Parameters
    ----------
    breaks : {"later", "earlier", "both"}
        As in :func:`load_household_income`.
    data_dir : str or os.PathLike, optional
        The data folder (default: see :func:`data_folder`).
    verify : bool
        Check the file's SHA-256 against :data:`SHA256` first (default ``True``).

    Returns
    -------
    pandas.DataFrame
        Indexed by the integer ``year``, with ``float64`` columns ``gini``,
        ``q1_share`` ... ``q5_share`` (quintiles, lowest to highest, percent) and
        ``top5_share`` (top 5 % of households, percent), then ``source`` and
        ``method``. 2024 comes from a secondary source with only ``q1_share``,
        ``q3_share`` and ``q5_share``; its Gini, ``q2_share``, ``q4_share`` and
        ``top5_share`` were not found and are NaN.

    Raises
    ------
    ValueError
        If the checksum differs, a cell is malformed, a share is outside [0, 100],
        the top 5 % share exceeds the top fifth's, or the five quintile shares of a
        row do not add up to 100 within their rounding (0.05 each); also as
        :func:`load_household_income` for the years, the breaks and ``breaks``.
    FileNotFoundError
        If the data folder or the file is missing.

    Examples
    --------
    >>> ineq = load_income_inequality()
    >>> float(ineq.loc[1975, "gini"]), float(ineq.loc[1975, "q5_share"])
    (0.397, 43.6)
    >>> bool(np.isnan(ineq.loc[2024, "gini"]))
    True
    >>> [len(load_income_inequality(b).loc[[2017]]) for b in ("later", "earlier", "both")]
    [1, 1, 2]
    """
    path = data_folder(data_dir) / _INEQUALITY_FILE
    if verify:
        _verify(path)
    records = []
    for cursor, row in _rows(path, _INEQUALITY_COLUMNS):
        rec = {"_line": cursor.line, "year": _year(cursor, row["year"], *_INEQUALITY_YEARS)}
        rec["gini"] = _number(cursor, row, "gini", low=0.0, high=1.0,
                              optional_years=_INEQUALITY_OPTIONAL.get("gini", ()))
        for column in _SHARES:
            rec[column] = _number(cursor, row, column, low=0.0, low_open=False, high=100.0,
                                  optional_years=_INEQUALITY_OPTIONAL.get(column, ()))
        if rec["top5_share"] is not None and rec["top5_share"] > rec["q5_share"]:
            raise cursor.error(f"the top 5 % share ({rec['top5_share']:g}) exceeds the top fifth's "
                               f"({rec['q5_share']:g})", "top5_share")
        quintiles = [rec[c] for c in _SHARES[:5]]
        if None not in quintiles and abs(sum(quintiles) - 100.0) > 0.25 + 1e-9:
            raise cursor.error(f"the quintile shares add up to {sum(quintiles):.4g}, not 100 "
                               "within rounding (+/- 0.25)", "q1_share")
        rec["source"] = _text(cursor, row, "source")
        records.append(rec)
    _check_years(path, records, *_INEQUALITY_YEARS)
    _label_breaks(path, records)
    columns = {c: "float64" for c in ("gini",) + _SHARES}
    for rec in records:       # missing values are NaN in these float64 columns
        for c in columns:
            rec[c] = np.nan if rec[c] is None else rec[c]
    return _frame(_select(records, breaks), {**columns, "source": None, "method": None})


def load_gdp_per_capita(*, data_dir=None, verify: bool = True) -> pd.DataFrame:
    r"""U.S. real GDP per capita, quarterly (FRED A939RX0Q048SBEA, from BEA).

    Units: chained 2017 dollars per person, seasonally adjusted annual rate, so each
    quarter's value is already at a yearly rate. The file holds the quarters the book
    uses (1975 and 2024).

    Parameters
    ----------
    data_dir : str or os.PathLike, optional
        The data folder (default: see :func:`data_folder`).
    verify : bool
        Check the file's SHA-256 against :data:`SHA256` first (default ``True``).

    Returns
    -------
    pandas.DataFrame
        Indexed by a quarterly :class:`pandas.PeriodIndex` named ``quarter``, with
        columns ``value`` (``float64``), ``units`` and ``source``.

    Raises
    ------
    ValueError
        If the checksum differs, or a row is malformed (a quarter not like ``1975Q1``,
        duplicated or out of order, a value that is not a plain positive decimal, an
        empty text cell), naming the file, the line and the column.
    FileNotFoundError
        If the data folder or the file is missing.

    Examples
    --------
    >>> gdp = load_gdp_per_capita()
    >>> str(gdp.index[0]), float(gdp.loc[pd.Period("2024Q4"), "value"])
    ('1975Q1', 69168.0)
    """
    path = data_folder(data_dir) / _GDP_FILE
    if verify:
        _verify(path)
    quarters, values, units, sources = [], [], [], []
    seen: dict[str, int] = {}
    for cursor, row in _rows(path, _GDP_COLUMNS):
        match = _QUARTER.fullmatch(row["year"])
        if not match:
            raise cursor.error(f"the quarter must look like 1975Q1; got {row['year']!r}", "year")
        _year(cursor, match.group(1), *_GDP_YEARS)
        quarter = row["year"]
        if quarter in seen:
            raise cursor.error(f"duplicated quarter {quarter} (also on line {seen[quarter]})", "year")
        if quarters and quarter < quarters[-1]:
            raise cursor.error(f"quarters must be in ascending order; {quarter} follows {quarters[-1]}",
                               "year")
        seen[quarter] = cursor.line
        quarters.append(quarter)
        values.append(_number(cursor, row, "value"))
        units.append(_text(cursor, row, "units"))
        sources.append(_text(cursor, row, "source"))
    index = pd.PeriodIndex([pd.Period(q, freq="Q") for q in quarters], name="quarter")
    return pd.DataFrame({"value": np.array(values, dtype=float), "units": units, "source": sources},
                        index=index)


def annual_gdp_per_capita(*, data_dir=None, verify: bool = True) -> pd.Series:
    r"""Annual U.S. real GDP per capita: **the book's own computation**, the mean of four quarters.

    .. math::

       Y_t = \frac{1}{4}\sum_{q=1}^{4} Y_{t,q}

    where :math:`Y_{t,q}` is the seasonally adjusted annual rate of quarter :math:`q`
    (:func:`load_gdp_per_capita`). No published annual value (BEA NIPA Table 7.1 or
    FRED's annual series) was available to the project (``data/SOURCES.md``), so this
    mean, which is how BEA forms annual averages of quarterly rates, is computed here,
    not read; it may differ from BEA's annual figure by rounding and by vintage.
    Only years with all four quarters are returned (none is extrapolated).

    Parameters
    ----------
    data_dir : str or os.PathLike, optional
        The data folder (default: see :func:`data_folder`).
    verify : bool
        Check the file's SHA-256 against :data:`SHA256` first (default ``True``).

    Returns
    -------
    pandas.Series
        Indexed by the integer ``year``, named ``gdp_per_capita``, in chained 2017
        dollars per person.

    Raises
    ------
    ValueError, FileNotFoundError
        As :func:`load_gdp_per_capita`.

    Examples
    --------
    >>> annual = annual_gdp_per_capita()
    >>> annual.index.tolist()
    [1975, 2024]
    >>> float(annual[1975]) == (27690 + 27821 + 28214 + 28520) / 4
    True
    """
    quarterly = load_gdp_per_capita(data_dir=data_dir, verify=verify)["value"]
    years = quarterly.index.year
    counts = quarterly.groupby(years).count()
    means = quarterly.groupby(years).mean()
    annual = means[counts == 4]
    annual.index = pd.Index(annual.index.to_numpy(dtype=np.int64), name="year")
    annual.name = "gdp_per_capita"
    return annual


# --------------------------------------------------------------------------- revisions

#: The one later revision of the files' numbers that is known but not in the files:
#: Census revised 2024 in its September 2026 release (P60-289), whose tables could not
#: be read. FRED MEHOINUSA646N in the September 2026 vintage gives the revised **nominal
#: median** for 2024 (2024 dollars, so comparable with the files' 2024 row); the revised
#: mean, Gini and shares are unknown. Recorded in ``data/README.md`` ("Conflicts between
#: sources and vintages", item 1) and ``data/SOURCES.md`` (section 5); the calibration
#: chapter uses it only in a sensitivity check.
REVISION_2024 = {
    "year": 2024,
    "median_nominal": 83160.0,
    "replaces": 83730.0,
    "source": "FRED MEHOINUSA646N, September 2026 vintage (Census P60-289 revision of 2024)",
}

#: Years in which Census changed how it measures household income in ways that show in
#: the series (``data/README.md``, "Series breaks"), for marking time plots. The two years
#: Census reports twice are also in :data:`BREAKS`.
METHOD_BREAKS = {
    1974: "new processing system",
    1987: "new processing system",
    1993: "computer-assisted interviewing, higher top-codes",
    2013: "redesigned income questions",
    2017: "updated processing system",
}
