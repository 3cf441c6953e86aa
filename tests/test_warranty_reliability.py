"""Life-data math of the warranty forecast (addons/aftersales_warranty_forecast/tools/
reliability.py) on synthetic failures drawn from known Weibull parameters; no database."""

import importlib.util
import math
import pathlib

import numpy as np
import pytest
from scipy import stats

ROOT = pathlib.Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location(
    "warranty_reliability",
    ROOT / "addons" / "aftersales_warranty_forecast" / "tools" / "reliability.py",
)
rel = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rel)


def _draw(shape, scale, units, window, seed):
    """Units delivered uniformly over ``window`` months, observed until today: the lives
    shorter than the time observed are failures, the others right-censored."""
    rng = np.random.default_rng(seed)
    life = scale * rng.weibull(shape, units)
    observed = rng.uniform(0.0, window, units)
    failed = life <= observed
    return life[failed], observed[~failed]


# stated tolerance: 5,000 units, 36 months observed, 10-25 % of them failed -> shape within
# 10 %, scale within 10 %, B10 within 15 %, MTBF within 15 %
@pytest.mark.parametrize(
    "shape, scale, seed",
    [(1.5, 48.0, 1), (0.8, 120.0, 2), (2.5, 40.0, 3), (1.0, 80.0, 4)],
)
def test_weibull_parameters_recovered_with_censoring(shape, scale, seed):
    failures, censored = _draw(shape, scale, 5000, 36.0, seed)
    assert censored.size > 3 * failures.size  # mostly right-censored, as in a warranty
    fit = rel.fit(failures, censored)
    assert fit.method == "weibull"
    assert (fit.failures, fit.censored) == (failures.size, censored.size)
    assert fit.shape == pytest.approx(shape, rel=0.10)
    assert fit.scale == pytest.approx(scale, rel=0.10)
    true_b10 = scale * (-math.log(0.9)) ** (1 / shape)
    true_mtbf = scale * math.gamma(1 + 1 / shape)
    assert fit.b10 == pytest.approx(true_b10, rel=0.15)
    assert fit.mtbf == pytest.approx(true_mtbf, rel=0.15)
    low, high = fit.b10_band()
    assert low < fit.b10 < high


def test_same_estimate_as_scipy_censored_data():
    failures, censored = _draw(1.7, 50.0, 3000, 30.0, 7)
    fit = rel.fit(failures, censored)
    data = stats.CensoredData.right_censored(
        np.concatenate([failures, censored]),
        np.r_[np.zeros(failures.size, bool), np.ones(censored.size, bool)],
    )
    shape, loc, scale = stats.weibull_min.fit(data, floc=0)
    assert loc == 0
    assert fit.shape == pytest.approx(shape, rel=1e-4)
    assert fit.scale == pytest.approx(scale, rel=1e-4)


def test_band_covers_the_true_b10_at_its_confidence():
    shape, scale = 1.4, 60.0
    true_b10 = scale * (-math.log(0.9)) ** (1 / shape)
    covered = 0
    for seed in range(60):
        fit = rel.fit(*_draw(shape, scale, 800, 24.0, 100 + seed))
        low, high = fit.b10_band()
        covered += low <= true_b10 <= high
    # 90 % band: 54 of 60 expected; below 46 would mean the band is far too narrow
    assert covered >= 46


def test_cdf_band_brackets_the_fit_and_grows_with_age():
    fit = rel.fit(*_draw(1.5, 48.0, 5000, 36.0, 5))
    ages = np.array([1.0, 6.0, 12.0, 24.0, 36.0])
    cdf, low, high = fit.cdf_band(ages)
    assert np.all(low <= cdf) and np.all(cdf <= high)
    assert np.all(np.diff(cdf) > 0)
    true = 1 - np.exp(-((ages / 48.0) ** 1.5))
    assert np.all(np.abs(cdf - true) < 0.03)


def test_too_few_failures_gives_an_empirical_rate_and_says_so():
    fit = rel.fit([3.0, 10.0], [12.0] * 98)
    assert fit.method == "empirical"
    # 2 failures over 13 + 98 * 12 = 1,189 unit-months
    assert fit.exposure == pytest.approx(1189.0)
    assert fit.rate == pytest.approx(2 / 1189.0)
    assert fit.mtbf == pytest.approx(594.5)
    assert fit.b10 == pytest.approx(-math.log(0.9) * 594.5)
    low, high = fit.mtbf_band()
    assert low < 594.5 < high
    # exact Poisson (chi-square) interval of the rate at 90 %
    assert fit.rate_high == pytest.approx(stats.chi2.ppf(0.95, 6) / 2378.0)


def test_no_failure_at_all():
    fit = rel.fit([], [6.0, 12.0])
    assert (fit.method, fit.rate, fit.mtbf, fit.b10) == ("empirical", 0.0, None, None)
    assert fit.rate_high > 0  # still an upper bound from 18 unit-months without failure
    assert rel.fit([], []).method == "none"


def test_expected_failures_by_month_stop_at_the_end_of_warranty():
    fit = rel.Fit(method="empirical", failures=1, censored=0, exposure=1.0, rate=0.01)
    # 100 units aged 10 months: 2.5 months of warranty left for all of them
    by_month = fit.expected_by_month([10.0] * 100, [2.5] * 100, months=4)
    assert by_month.tolist() == pytest.approx([1.0, 1.0, 0.5, 0.0])
    assert fit.expected_remaining([10.0] * 100, [2.5] * 100) == pytest.approx(2.5)


def test_weibull_forecast_is_the_hazard_gained_over_each_month():
    fit = rel.Fit(method="weibull", failures=9, censored=0, exposure=1.0, shape=2.0, scale=10.0)
    by_month = fit.expected_by_month([0.0, 5.0], [24.0, 1.0], months=2)
    # unit 1: H(1) - H(0) then H(2) - H(1); unit 2: H(6) - H(5), then nothing
    assert by_month[0] == pytest.approx(0.01 + (0.36 - 0.25))
    assert by_month[1] == pytest.approx(0.04 - 0.01)


def test_life_data_rows_window_and_units_at_risk():
    import datetime as dt

    d = dt.date
    today = d(2025, 12, 1)
    rows = [
        # failed within its window (second failure ignored)
        ("p", "A", d(2025, 1, 1), None, "active", d(2025, 12, 31), [d(2025, 3, 2), d(2025, 6, 1)]),
        # failed after the end of the part's warranty: censored at the end
        ("p", "A", d(2024, 1, 1), None, "ended", d(2024, 12, 31), [d(2025, 2, 1)]),
        # returned: censored at its return, not at risk any more
        ("p", "B", d(2025, 1, 1), d(2025, 4, 1), "suspended", d(2025, 12, 31), None),
        # no warranty line for the part: skipped
        ("p", "B", d(2025, 1, 1), None, "active", None, None),
    ]
    failures, censored, at_risk = rel.life_data(rows, today)["p"]
    assert failures == [60 / 30.4375]
    assert censored == [365 / 30.4375, 90 / 30.4375]
    assert at_risk == [("A", 334 / 30.4375, 30 / 30.4375)]


def test_forecast_by_product():
    fit = rel.Fit(method="empirical", failures=1, censored=0, exposure=1.0, rate=0.02)
    by_product, remaining = rel.forecast(
        fit, [("A", 5.0, 10.0), ("A", 1.0, 2.0), ("B", 3.0, 0.5)], offset=0.0, months=3
    )
    assert by_product["A"].tolist() == pytest.approx([0.04, 0.04, 0.02])
    assert by_product["B"].tolist() == pytest.approx([0.01, 0.0, 0.0])
    assert remaining == pytest.approx(0.02 * 12.5)


def test_bench_forecast_subcommand(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    args = bench.parse_args(
        ["forecast", "--serials", "3000", "--repeat", "1", "--json", str(tmp_path / "f.json")]
    )
    meta, figures = bench.forecast_bench(args)
    assert meta["rows"] == 9000
    assert 0 < meta["failures"] < 9000
    assert set(figures) >= {"life_data_s", "fit_s", "forecast_s", "total_s", "peak_mb"}
    assert "warranty forecast on 3,000 serials" in capsys.readouterr().out
