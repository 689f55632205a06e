"""janus.data: checksums, strict parsing, series breaks, and the data against theory.

The raw files are read here independently with the csv module, so that the loaders
are compared with the file itself and not with their own output.
"""

import csv
import hashlib
import math
import re
import shutil
import statistics
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import janus
from janus import data as jd

DATA = Path(__file__).resolve().parent.parent / "data"
INCOME, INEQUALITY, GDP = "us_household_income.csv", "us_income_inequality.csv", "us_gdp_per_capita.csv"
LOADERS = {
    INCOME: jd.load_household_income,
    INEQUALITY: jd.load_income_inequality,
    GDP: jd.load_gdp_per_capita,
}


# ----------------------------------------------------------------------------- helpers

def raw_rows(name, folder=DATA):
    """The file as a list of rows (header first), read with the csv module."""
    with open(Path(folder) / name, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def raw_records(name):
    header, *rows = raw_rows(name)
    return [dict(zip(header, row)) for row in rows]


def write_rows(path, rows):
    """Write rows as the data files are written (minimal quoting, CRLF line ends)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


def copy_data(folder):
    for name in jd.SHA256:
        shutil.copy(DATA / name, Path(folder) / name)
    return Path(folder)


def line_of(rows, year, occurrence=0):
    """The file line (header = line 1) of the given occurrence of a year."""
    hits = [i for i, row in enumerate(rows) if i > 0 and row[0] == str(year)]
    return hits[occurrence] + 1


def set_cell(rows, year, column, value, occurrence=0):
    line = line_of(rows, year, occurrence)
    rows[line - 1][rows[0].index(column)] = value
    return line


def half_unit(value):
    """Half a unit in the 4th significant digit, relative: Census's rounding error bound."""
    return 0.5 * 10.0 ** (math.floor(math.log10(value)) - 3) / value


# ----------------------------------------------------------------------------- checksums

@pytest.mark.parametrize("name", sorted(jd.SHA256))
def test_registry_matches_files(name):
    assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == jd.SHA256[name]
    assert jd.verify(DATA / name) == {name: jd.SHA256[name]}


def test_verify_folder_and_readme_lists_every_checksum():
    assert jd.verify() == jd.SHA256
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name, digest in jd.SHA256.items():
        assert name in readme and digest in readme


def test_sources_record_copied_unchanged():
    assert (DATA / "SOURCES.md").is_file()
    text = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert "Census vintage used throughout" in text and "Conflicts between sources" in text


@pytest.mark.parametrize("name", sorted(jd.SHA256))
def test_one_byte_change_fails_checksum(tmp_path, name):
    folder = copy_data(tmp_path)
    content = bytearray((folder / name).read_bytes())
    # change one digit of the last data row: the file stays well formed
    pos = max(i for i, b in enumerate(content) if chr(b).isdigit() and i < content.rindex(b","))
    content[pos] = ord("1") if content[pos] != ord("1") else ord("2")
    (folder / name).write_bytes(bytes(content))
    with pytest.raises(ValueError, match=re.escape(name)):
        jd.verify(folder / name)
    with pytest.raises(ValueError, match=re.escape(name)):
        jd.verify(folder)
    with pytest.raises(ValueError, match="SHA-256"):
        LOADERS[name](data_dir=folder)
    LOADERS[name](data_dir=folder, verify=False)   # only the checksum catches this change


def test_verify_refuses_unknown_files(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("year\n")
    with pytest.raises(ValueError, match="other.csv"):
        jd.verify(other)


# ----------------------------------------------------------------------------- locating data

def test_data_folder_default_argument_and_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(jd.ENV_VAR, raising=False)
    assert jd.data_folder() == DATA
    folder = copy_data(tmp_path)
    rows = raw_rows(INCOME)
    set_cell(rows, 1990, "source", "a different source text")
    write_rows(folder / INCOME, rows)
    assert jd.data_folder(folder) == folder
    assert jd.load_household_income(data_dir=folder, verify=False).loc[1990, "source"] == \
        "a different source text"
    monkeypatch.setenv(jd.ENV_VAR, str(folder))
    assert jd.data_folder() == folder
    assert jd.load_household_income(verify=False).loc[1990, "source"] == "a different source text"
    with pytest.raises(ValueError, match=INCOME):       # the checksum still guards the copy
        jd.load_household_income()
    monkeypatch.setenv(jd.ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="JANUS_DATA"):
        jd.load_household_income()


def test_data_folder_found_from_the_working_directory(tmp_path, monkeypatch):
    """janus installed from requirements.txt (no janus/../data): a notebook in chapters/ finds ../data."""
    monkeypatch.delenv(jd.ENV_VAR, raising=False)
    installed = tmp_path / "site-packages" / "janus"
    installed.mkdir(parents=True)
    monkeypatch.setattr(jd, "__file__", str(installed / "data.py"))
    repo = tmp_path / "book"
    (repo / "data").mkdir(parents=True)
    copy_data(repo / "data")
    (repo / "chapters").mkdir()
    monkeypatch.chdir(repo / "chapters")
    assert jd.data_folder() == (repo / "data").resolve()
    assert jd.load_household_income().loc[2024, "median_real"] > 0
    monkeypatch.chdir(tmp_path)                    # no data/ here or above
    with pytest.raises(FileNotFoundError, match="JANUS_DATA"):
        jd.data_folder()


def test_round_trip_of_the_test_writer_is_byte_exact(tmp_path):
    # the malformed-file tests below rewrite files with write_rows: check it changes nothing else
    for name in jd.SHA256:
        write_rows(tmp_path / name, raw_rows(name))
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes()


# ----------------------------------------------------------------------------- shape and dtypes

def test_household_income_columns_and_dtypes():
    inc = jd.load_household_income()
    assert list(inc.columns) == ["median_nominal", "mean_nominal", "median_real", "mean_real",
                                 "real_dollar_base", "source", "method"]
    assert inc.index.name == "year" and inc.index.dtype == np.int64
    assert inc.index.is_unique and inc.index.is_monotonic_increasing
    assert inc.index.min() == 1967 and inc.index.max() == 2024
    assert (np.diff(inc.index) == 1).all()
    for c in ("median_nominal", "mean_nominal"):
        assert inc[c].dtype == pd.Float64Dtype()
    for c in ("median_real", "mean_real"):
        assert inc[c].dtype == np.float64 and not inc[c].isna().any()
    for c in ("real_dollar_base", "source", "method"):
        assert pd.api.types.is_string_dtype(inc[c])
    assert {1975, 2024} <= set(inc.index)


def test_income_inequality_columns_and_dtypes():
    ineq = jd.load_income_inequality()
    numeric = ["gini", "q1_share", "q2_share", "q3_share", "q4_share", "q5_share", "top5_share"]
    assert list(ineq.columns) == numeric + ["source", "method"]
    assert ineq.index.name == "year" and ineq.index.dtype == np.int64 and ineq.index.is_unique
    assert all(ineq[c].dtype == np.float64 for c in numeric)
    shares = ineq[numeric[1:]].to_numpy()
    shares = shares[~np.isnan(shares)]
    assert shares.size > 300 and ((shares >= 0) & (shares <= 100)).all()
    assert ((ineq["gini"].dropna() > 0) & (ineq["gini"].dropna() < 1)).all()


def test_gdp_columns_and_dtypes():
    gdp = jd.load_gdp_per_capita()
    assert list(gdp.columns) == ["value", "units", "source"]
    assert isinstance(gdp.index, pd.PeriodIndex) and gdp.index.freqstr.startswith("Q")
    assert gdp.index.name == "quarter" and gdp["value"].dtype == np.float64
    assert [str(q) for q in gdp.index] == [r["year"] for r in raw_records(GDP)]


@pytest.mark.parametrize("name,loader", [(INCOME, jd.load_household_income),
                                         (INEQUALITY, jd.load_income_inequality)])
def test_missing_cells_stay_missing(name, loader):
    both = loader("both")
    records = raw_records(name)
    assert len(both) == len(records)
    for column in both.columns.drop(["method"]):
        raw_empty = np.array([r[column] == "" for r in records])
        np.testing.assert_array_equal(both[column].isna().to_numpy(), raw_empty)
    if name == INCOME:
        assert both.loc[1967:1974, "mean_nominal"].isna().all()
        assert not both.loc[1975:, "mean_nominal"].isna().any()
    else:
        assert both.loc[[2024], ["gini", "q2_share", "q4_share", "top5_share"]].isna().all().all()


# ----------------------------------------------------------------------------- series breaks

@pytest.mark.parametrize("name,loader", [(INCOME, jd.load_household_income),
                                         (INEQUALITY, jd.load_income_inequality)])
def test_breaks_options_give_the_documented_rows(name, loader):
    records = raw_records(name)
    numeric = [c for c in records[0] if c not in ("year", "source", "real_dollar_base")]
    by_year = {}
    for r in records:
        by_year.setdefault(int(r["year"]), []).append(r)
    assert sorted(y for y, rs in by_year.items() if len(rs) == 2) == sorted(jd.BREAKS)
    for breaks, pick in (("earlier", [0]), ("later", [1]), ("both", [0, 1])):
        table = loader(breaks)
        for year, rows in by_year.items():
            got = table.loc[[year]]
            expected = rows if len(rows) == 1 else [rows[k] for k in pick]
            assert len(got) == len(expected)
            for (_, row), raw in zip(got.iterrows(), expected):
                assert row["source"] == raw["source"]
                for c in numeric:
                    want = float(raw[c]) if raw[c] else None
                    assert (pd.isna(row[c]) if want is None else row[c] == want), (year, c)
            if len(rows) == 2:
                first, second = jd.BREAKS[year]
                assert list(got["method"]) == [[first], [second], [first, second]][
                    ["earlier", "later", "both"].index(breaks)]
                assert "comparable with" in got["source"].iloc[0]
            else:
                assert list(got["method"]) == ["single"]
    assert loader("both").index.is_unique is False
    assert loader().equals(loader("later"))


def test_break_rows_read_from_the_text_not_the_position():
    inc = jd.load_household_income("both")
    for year, (earlier, later) in jd.BREAKS.items():
        rows = inc.loc[[year]].set_index("method")
        assert "and earlier" in rows.loc[earlier, "source"]
        assert "and later" in rows.loc[later, "source"]


@pytest.mark.parametrize("breaks", ["latest", "", None, 2013, "LATER"])
def test_bad_breaks_option(breaks):
    with pytest.raises(ValueError, match="breaks must be one of"):
        jd.load_household_income(breaks)


# ----------------------------------------------------------------------------- malformed files

CASES = {
    # id: (file, mutation returning (line, column or None), words expected in the message)
    "bad number": (INCOME, lambda r: (set_cell(r, 1975, "median_real", "12,3x"), "median_real"),
                   "plain decimal"),
    "empty real median": (INCOME, lambda r: (set_cell(r, 1975, "median_real", ""), "median_real"),
                          "required"),
    "empty nominal mean after 1974": (INCOME, lambda r: (set_cell(r, 1975, "mean_nominal", ""),
                                                         "mean_nominal"), "required"),
    "median above mean (real)": (INCOME, lambda r: (set_cell(r, 1980, "median_real", "71620"),
                                                    "median_real"), "exceeds the mean"),
    "median above mean (nominal)": (INCOME, lambda r: (set_cell(r, 2001, "mean_nominal", "42220"),
                                                       "median_nominal"), "exceeds the mean"),
    "zero income": (INCOME, lambda r: (set_cell(r, 1990, "mean_real", "0"), "mean_real"), "> 0"),
    "year too late": (INCOME, lambda r: (set_cell(r, 2024, "year", "2030"), "year"), "between"),
    "year too early": (INCOME, lambda r: (set_cell(r, 1967, "year", "1966"), "year"), "between"),
    "year not an integer": (INCOME, lambda r: (set_cell(r, 1980, "year", "1980.0"), "year"),
                            "four-digit integer"),
    "duplicated year": (INCOME, lambda r: (set_cell(r, 1976, "year", "1975"), "year"),
                        "duplicated year 1975"),
    "years out of order": (INCOME, lambda r: (set_cell(r, 1976, "year", "1974"), "year"),
                           "ascending"),
    "empty source": (INCOME, lambda r: (set_cell(r, 1999, "source", " "), "source"), "empty"),
    "mixed dollar bases": (INCOME, lambda r: (set_cell(r, 1999, "real_dollar_base", "2023 dollars"),
                                              "real_dollar_base"), "same dollars"),
    "2013 rows swapped": (INCOME, lambda r: (_swap_pair(r, 2013), "source"), "OLD-METHOD"),
    "2017 rows swapped": (INEQUALITY, lambda r: (_swap_pair(r, 2017), "source"), "LEGACY"),
    "break row missing": (INCOME, lambda r: (_drop(r, 2017, 1), "year"), "must have two rows"),
    "wrong column order": (INCOME, lambda r: (_swap_header(r, "median_real", "mean_real"), None),
                           "header"),
    "extra column": (INEQUALITY, lambda r: (_add_column(r), None), "header"),
    "short row": (INEQUALITY, lambda r: (_truncate(r, 1990), None), "fields"),
    "share above 100": (INEQUALITY, lambda r: (set_cell(r, 1990, "q5_share", "146.6"), "q5_share"),
                        "<= 100"),
    "gini above 1": (INEQUALITY, lambda r: (set_cell(r, 1990, "gini", "1.2"), "gini"), "<= 1"),
    "gini missing before 2024": (INEQUALITY, lambda r: (set_cell(r, 2023, "gini", ""), "gini"),
                                 "required"),
    "top 5 above top fifth": (INEQUALITY, lambda r: (set_cell(r, 1990, "top5_share", "46.7"),
                                                     "top5_share"), "exceeds the top fifth"),
    "quintiles not adding to 100": (INEQUALITY, lambda r: (set_cell(r, 1990, "q1_share", "4.8"),
                                                           "q1_share"), "add up"),
    "duplicated year (inequality)": (INEQUALITY, lambda r: (set_cell(r, 2001, "year", "2000"), "year"),
                                     "duplicated year 2000"),
    "bad quarter": (GDP, lambda r: (set_cell(r, "1975Q2", "year", "1975Q5"), "year"), "1975Q1"),
    "duplicated quarter": (GDP, lambda r: (set_cell(r, "2024Q2", "year", "2024Q1"), "year"),
                           "duplicated quarter"),
    "bad GDP value": (GDP, lambda r: (set_cell(r, "2024Q3", "value", "68,951"), "value"),
                      "plain decimal"),
}


def _swap_pair(rows, year):
    i = line_of(rows, year, 0) - 1
    rows[i], rows[i + 1] = rows[i + 1], rows[i]
    return i + 1


def _drop(rows, year, occurrence):
    first = line_of(rows, year, 0)
    del rows[line_of(rows, year, occurrence) - 1]
    return first


def _swap_header(rows, a, b):
    i, j = rows[0].index(a), rows[0].index(b)
    rows[0][i], rows[0][j] = rows[0][j], rows[0][i]
    return 1


def _add_column(rows):
    rows[0].append("note")
    return 1


def _truncate(rows, year):
    line = line_of(rows, year)
    rows[line - 1] = rows[line - 1][:-1]
    return line


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_file_raises_naming_file_line_and_column(tmp_path, case):
    name, mutate, words = CASES[case]
    folder = copy_data(tmp_path)
    rows = raw_rows(name)
    line, column = mutate(rows)
    write_rows(folder / name, rows)
    with pytest.raises(ValueError) as info:
        LOADERS[name](data_dir=folder, verify=False)
    message = str(info.value)
    assert name in message
    assert f"line {line}" in message, message
    if column is not None:
        assert f"column {column!r}" in message, message
    assert words in message, message
    with pytest.raises(ValueError, match="SHA-256"):    # and with the default, the checksum fails first
        LOADERS[name](data_dir=folder)


def test_missing_year_raises(tmp_path):
    folder = copy_data(tmp_path)
    rows = raw_rows(INCOME)
    del rows[line_of(rows, 1990) - 1]
    write_rows(folder / INCOME, rows)
    with pytest.raises(ValueError, match=r"us_household_income\.csv.*years \[1990\] are missing"):
        jd.load_household_income(data_dir=folder, verify=False)


NOT_A_NUMBER = st.text(min_size=0, max_size=8).filter(
    lambda t: "\x00" not in t and re.fullmatch(r"[0-9]+(\.[0-9]+)?", t) is None)


@settings(max_examples=60, deadline=None)
@given(token=NOT_A_NUMBER)
def test_anything_but_a_plain_decimal_is_refused(token):
    rows = raw_rows(INCOME)
    line = set_cell(rows, 1990, "median_real", token)
    with tempfile.TemporaryDirectory() as tmp:
        write_rows(Path(tmp) / INCOME, rows)
        with pytest.raises(ValueError) as info:
            jd.load_household_income(data_dir=tmp, verify=False)
    assert INCOME in str(info.value) and f"line {line}" in str(info.value)


@settings(max_examples=40, deadline=None)
@given(median=st.integers(1, 10**7), extra=st.integers(0, 10**7), decimals=st.integers(0, 3))
def test_plain_decimals_are_read_exactly(median, extra, decimals):
    fmt = f"{{:.{decimals}f}}"
    med, mean = fmt.format(median / 10**decimals), fmt.format((median + extra) / 10**decimals)
    rows = raw_rows(INCOME)
    set_cell(rows, 1990, "median_real", med)
    set_cell(rows, 1990, "mean_real", mean)
    with tempfile.TemporaryDirectory() as tmp:
        write_rows(Path(tmp) / INCOME, rows)
        got = jd.load_household_income(data_dir=tmp, verify=False).loc[1990]
    assert got["median_real"] == float(med) and got["mean_real"] == float(mean)


@pytest.mark.parametrize("token", ["５８６３０", "nan", "inf", "5.8e4", " 58630", "58630 ", "+58630",
                                   "-58630", "58630.", ".5", "58_630", "58,630", "0x10"])
def test_specific_non_numbers_are_refused(tmp_path, token):
    rows = raw_rows(INCOME)
    line = set_cell(rows, 1975, "median_real", token)
    write_rows(tmp_path / INCOME, rows)
    with pytest.raises(ValueError, match=rf"{re.escape(INCOME)}.*line {line} \(year 1975\), "
                                         r"column 'median_real'"):
        jd.load_household_income(data_dir=tmp_path, verify=False)


# ----------------------------------------------------------------------------- data against theory

def test_real_equals_nominal_in_the_base_year():
    inc = jd.load_household_income("both")
    bases = set(inc["real_dollar_base"])
    assert len(bases) == 1
    base_year = int(re.match(r"([0-9]{4}) dollars", bases.pop()).group(1))
    row = inc.loc[base_year]
    assert row["median_real"] == row["median_nominal"] and row["mean_real"] == row["mean_nominal"]


def test_median_and_mean_are_deflated_by_the_same_price_index():
    # nominal/real is the price level relative to the base year; it must not depend on
    # whether the median or the mean is deflated, up to Census's 4-digit rounding
    inc = jd.load_household_income("both").dropna()
    assert len(inc) > 40
    for _, r in inc.iterrows():
        values = [float(r[c]) for c in ("median_nominal", "mean_nominal", "median_real", "mean_real")]
        d_median = values[0] / values[2]
        d_mean = values[1] / values[3]
        assert abs(d_median / d_mean - 1) <= sum(half_unit(v) for v in values)


def test_deflator_matches_the_census_price_index_in_sources():
    # the Census price index (Dec 1999 = 100) printed in data/SOURCES.md, 1967-2023
    text = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    index = {int(y): float(v) for y, v in re.findall(r"^\| (\d{4}) \| ([0-9.]+) \|", text, re.M)}
    assert set(range(1967, 2024)) <= set(index)
    inc = jd.load_household_income("both")
    ref = inc.loc[2023]
    d_ref = float(ref["median_nominal"]) / ref["median_real"]
    for year, r in inc.loc[1967:2023].iterrows():
        deflator = float(r["median_nominal"]) / r["median_real"]
        bound = (0.05 / index[year] + 0.05 / index[2023]
                 + sum(half_unit(float(v)) for v in (r["median_nominal"], r["median_real"],
                                                     ref["median_nominal"], ref["median_real"])))
        assert abs((deflator / d_ref) / (index[year] / index[2023]) - 1) <= bound, year


def test_annual_gdp_is_the_mean_of_the_quarters():
    quarters = {}
    for r in raw_records(GDP):
        quarters.setdefault(int(r["year"][:4]), []).append(float(r["value"]))
    expected = {y: statistics.fmean(v) for y, v in quarters.items() if len(v) == 4}
    annual = jd.annual_gdp_per_capita()
    assert annual.index.name == "year" and annual.index.dtype == np.int64
    assert annual.to_dict() == pytest.approx(expected, rel=1e-12)
    assert "own computation" in jd.annual_gdp_per_capita.__doc__


def test_annual_gdp_leaves_out_incomplete_years(tmp_path):
    rows = raw_rows(GDP)
    del rows[line_of(rows, "2024Q4") - 1]
    write_rows(tmp_path / GDP, rows)
    assert jd.annual_gdp_per_capita(data_dir=tmp_path, verify=False).index.tolist() == [1975]


def test_claim_c7_calibration_1975_vs_2024():
    """MODEL.md C7: beta rose by more than 50 %, A fell, mean, median and mean/median rose."""
    inc = jd.load_household_income()
    e75 = janus.calibrate(inc.loc[1975, "median_real"], inc.loc[1975, "mean_real"])
    e24 = janus.calibrate(inc.loc[2024, "median_real"], inc.loc[2024, "mean_real"])
    assert float(e24.beta) > 1.5 * float(e75.beta)
    assert float(e24.A) < float(e75.A)
    assert float(e24.median) > float(e75.median)
    assert float(e24.mean) > float(e75.mean)
    assert float(e24.mean_median_ratio) > float(e75.mean_median_ratio)
    # the calibrated economies reproduce the data they were fitted to
    for eco, year in ((e75, 1975), (e24, 2024)):
        assert float(eco.median) == pytest.approx(inc.loc[year, "median_real"], rel=1e-12)
        assert float(eco.mean) == pytest.approx(inc.loc[year, "mean_real"], rel=1e-12)


def test_every_year_calibrates():
    inc = jd.load_household_income()
    table = janus.calibrate_series(inc)
    ratio = np.array([float(r["mean_real"]) / float(r["median_real"]) for r in raw_records(INCOME)
                      if not r["source"].startswith(("2013 OLD", "2017 LEGACY"))])
    np.testing.assert_allclose(table["beta"].to_numpy(), np.sqrt(2 * np.log(ratio)) / 15, rtol=1e-12)


def test_public_names():
    assert janus.data is jd
    for name in ("load_household_income", "load_income_inequality", "load_gdp_per_capita",
                 "annual_gdp_per_capita"):
        assert getattr(janus, name) is getattr(jd, name) and name in janus.__all__
