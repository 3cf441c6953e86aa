# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Life-data math of the warranty forecast (pure Python + numpy/scipy, no Odoo).

Times are months in service (float). A part's life data are the months in service at each
failure and, for the units that have not failed, the months observed so far (right-censored:
up to today or up to the end of the part's warranty, whichever is first).

- :func:`fit` returns a :class:`Fit`: a two-parameter Weibull by maximum likelihood with
  censoring when the part has at least ``min_failures`` failures, else an empirical constant
  rate (failures / unit-months observed), which says so (``method == "empirical"``).
- :meth:`Fit.expected_by_month` gives the expected failures in each coming month of units at
  risk (current age, months of warranty left): the cumulative hazard gained over the month,
  i.e. failures repaired and counted again (a repaired unit stays at risk).

The Weibull MLE solves the profile-likelihood equation of the shape with ``brentq``
(scipy.optimize); the scale follows in closed form. The confidence band comes from the
observed Fisher information (delta method on log-scale parameters), the usual Weibull bounds.
"""

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize, stats

MIN_FAILURES = 5
CONFIDENCE = 0.90
# B10: the age by which 10 % of the units have failed
B_PERCENT = 0.10


@dataclass
class Fit:
    method: str  # "weibull", "empirical" or "none" (no exposure at all)
    failures: int
    censored: int
    exposure: float  # unit-months observed
    shape: float = 0.0
    scale: float = 0.0
    rate: float = 0.0  # failures per unit-month (empirical method)
    confidence: float = CONFIDENCE
    # covariance of (shape, log scale) (Weibull) or variance of the rate (empirical)
    cov: list = field(default_factory=list)
    rate_low: float = 0.0
    rate_high: float = 0.0

    # ---- distribution ------------------------------------------------------------------
    def cumulative_hazard(self, t):
        t = np.maximum(np.asarray(t, dtype=float), 0.0)
        if self.method == "weibull":
            return (t / self.scale) ** self.shape
        return self.rate * t

    def cdf(self, t):
        return -np.expm1(-self.cumulative_hazard(t))

    @property
    def mtbf(self):
        """Mean life in months (None when no failure was seen)."""
        if self.method == "weibull":
            return self.scale * math.gamma(1.0 + 1.0 / self.shape)
        return 1.0 / self.rate if self.rate > 0 else None

    @property
    def b10(self):
        """Age in months by which 10 % of the units fail (None when no failure was seen)."""
        q = -math.log1p(-B_PERCENT)
        if self.method == "weibull":
            return self.scale * q ** (1.0 / self.shape)
        return q / self.rate if self.rate > 0 else None

    def _z(self):
        return stats.norm.ppf(0.5 + self.confidence / 2.0)

    def b10_band(self):
        """(low, high) of B10 at the fit's confidence."""
        q = -math.log1p(-B_PERCENT)
        if self.method == "weibull":
            # log B10 = log(scale) + log(q) / shape
            grad = np.array([-math.log(q) / self.shape**2, 1.0])
            sd = math.sqrt(max(float(grad @ np.asarray(self.cov) @ grad), 0.0))
            z = self._z()
            return self.b10 * math.exp(-z * sd), self.b10 * math.exp(z * sd)
        low = q / self.rate_high if self.rate_high > 0 else None
        high = q / self.rate_low if self.rate_low > 0 else None
        return low, high

    def mtbf_band(self):
        if self.method == "weibull":
            # log MTBF = log(scale) + log(gamma(1 + 1/shape))
            grad = np.array([-stats_digamma(1.0 + 1.0 / self.shape) / self.shape**2, 1.0])
            sd = math.sqrt(max(float(grad @ np.asarray(self.cov) @ grad), 0.0))
            z = self._z()
            return self.mtbf * math.exp(-z * sd), self.mtbf * math.exp(z * sd)
        low = 1.0 / self.rate_high if self.rate_high > 0 else None
        high = 1.0 / self.rate_low if self.rate_low > 0 else None
        return low, high

    def cdf_band(self, t):
        """(cdf, low, high) arrays at ages ``t`` (months > 0)."""
        t = np.maximum(np.asarray(t, dtype=float), 1e-9)
        if self.method == "weibull":
            # u = log H = shape * (log t - log scale); Var(u) by the delta method
            d = np.log(t) - math.log(self.scale)
            u = self.shape * d
            cov = np.asarray(self.cov)
            var = d**2 * cov[0, 0] + self.shape**2 * cov[1, 1] - 2 * self.shape * d * cov[0, 1]
            sd = np.sqrt(np.maximum(var, 0.0))
            z = self._z()
            return (
                -np.expm1(-np.exp(u)),
                -np.expm1(-np.exp(u - z * sd)),
                -np.expm1(-np.exp(u + z * sd)),
            )
        return (
            -np.expm1(-self.rate * t),
            -np.expm1(-self.rate_low * t),
            -np.expm1(-self.rate_high * t),
        )

    # ---- forecast ----------------------------------------------------------------------
    def expected_by_month(self, ages, remaining, months=12):
        """Expected failures in each of the next ``months`` months.

        ages: current months in service of the units at risk; remaining: months of warranty
        left for each (a unit counts in month m only while m <= its months left; a partial
        last month counts pro rata). Returns an array of ``months`` floats.
        """
        ages = np.asarray(ages, dtype=float)
        remaining = np.asarray(remaining, dtype=float)
        out = np.zeros(months)
        if not ages.size or self.method == "none":
            return out
        previous = self.cumulative_hazard(ages)
        for m in range(1, months + 1):
            # a unit is observed up to age + min(m, remaining)
            horizon = ages + np.clip(remaining, 0.0, float(m))
            current = self.cumulative_hazard(horizon)
            out[m - 1] = float(np.sum(current - previous))
            previous = current
        return out

    def expected_remaining(self, ages, remaining):
        """Expected failures of these units until the end of their warranty."""
        ages = np.asarray(ages, dtype=float)
        if not ages.size or self.method == "none":
            return 0.0
        remaining = np.maximum(np.asarray(remaining, dtype=float), 0.0)
        return float(
            np.sum(self.cumulative_hazard(ages + remaining) - self.cumulative_hazard(ages))
        )


def stats_digamma(x):
    from scipy.special import digamma

    return float(digamma(x))


def fit(failures, censored, min_failures=MIN_FAILURES, confidence=CONFIDENCE):
    """Fit the life data of one part.

    failures: months in service at each failure (> 0); censored: months observed of the units
    that did not fail. Ages of zero are moved to one day (a failure at delivery).
    """
    failures = np.maximum(np.asarray(failures, dtype=float), 1.0 / 30.0)
    censored = np.maximum(np.asarray(censored, dtype=float), 0.0)
    r = int(failures.size)
    exposure = float(failures.sum() + censored.sum())
    base = {
        "failures": r,
        "censored": int(censored.size),
        "exposure": exposure,
        "confidence": confidence,
    }
    if exposure <= 0:
        return Fit(method="none", **base)
    if r >= min_failures and np.ptp(failures) > 0:
        weibull = _weibull_mle(failures, censored[censored > 0])
        if weibull:
            shape, scale, cov = weibull
            return Fit(method="weibull", shape=shape, scale=scale, cov=cov.tolist(), **base)
    rate = r / exposure
    alpha = 1.0 - confidence
    low = stats.chi2.ppf(alpha / 2.0, 2 * r) / (2 * exposure) if r else 0.0
    high = stats.chi2.ppf(1 - alpha / 2.0, 2 * r + 2) / (2 * exposure)
    return Fit(
        method="empirical",
        rate=rate,
        rate_low=float(low),
        rate_high=float(high),
        cov=[[rate / exposure]],
        **base,
    )


def _weibull_mle(failures, censored):
    """(shape, scale, covariance of (shape, log scale)) or None when it does not converge."""
    # scale the times to about 1 for the numerics
    unit = float(np.median(failures))
    x = failures / unit
    c = censored / unit
    all_t = np.concatenate([x, c])
    log_all = np.log(all_t)
    r = x.size
    mean_log_fail = float(np.log(x).mean())

    def profile(k):
        # d/dk of the profile log-likelihood (scale at its closed-form optimum), divided by r
        # (working with t^k / max t^k for stability)
        w = np.exp(k * (log_all - log_all.max()))
        return 1.0 / k + mean_log_fail - float(np.sum(w * log_all) / np.sum(w))

    low, high = 0.05, 50.0
    try:
        if profile(low) * profile(high) > 0:
            return None
        k = optimize.brentq(profile, low, high, xtol=1e-10)
    except (ValueError, RuntimeError):
        return None
    scale = float(np.sum(all_t**k) / r) ** (1.0 / k)
    cov = _weibull_cov(k, scale, x, c)
    if cov is None:
        return None
    # back to months: log scale shifts, its variance does not change
    return float(k), scale * unit, cov


def _weibull_cov(k, lam, x, c):
    """Inverse observed information of (shape, log scale) at the MLE."""
    # log L = sum_f [log k + (k-1) log x - k log lam] - sum_all (x/lam)^k ; with b = log lam
    t = np.concatenate([x, c])
    z = np.log(t) - math.log(lam)
    h = np.exp(k * z)  # (t/lam)^k
    r = x.size
    d_kk = -r / k**2 - float(np.sum(h * z**2))
    d_bb = -(k**2) * float(np.sum(h))
    # dL/dk = r/k + sum_f z - sum h z, whose derivative by b is -r + sum h + k sum h z
    d_kb = -r + float(np.sum(h)) + k * float(np.sum(h * z))
    info = -np.array([[d_kk, d_kb], [d_kb, d_bb]])
    try:
        cov = np.linalg.inv(info)
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(cov)) or cov[0, 0] <= 0 or cov[1, 1] <= 0:
        return None
    return cov


def life_data(rows, today):
    """Life data per part from register rows.

    rows: (part, product, start date, return date or None, state, end of the part's warranty,
    failure dates of the part on the serial or None), one per serial and part at risk.
    Returns {part: (failure ages, censored ages, [(product, age today, months left)])}: the
    serial's first failure within [start, min(today, end, return)] is a failure, else the
    serial is censored at that window's end; active serials whose part is still covered
    are the units at risk of the forecast.
    """
    data = {}
    for part, product, start, returned, state, end, days in rows:
        if not end:
            continue
        window_end = min(today, end, returned or today)
        fails, censored, at_risk = data.setdefault(part, ([], [], []))
        failed = next((d for d in days or () if start <= d <= window_end), None)
        if failed:
            fails.append(months_between(start, failed))
        elif window_end > start:
            censored.append(months_between(start, window_end))
        if state == "active" and end > today:
            at_risk.append((product, months_between(start, today), months_between(today, end)))
    return data


def forecast(result, at_risk, offset, months=12):
    """Expected failures by product for the units at risk of one part.

    at_risk: [(product, age today, months left)]; offset: months from today to the first
    day of the forecast. Returns ({product: array of ``months`` expected failures},
    expected failures until the end of every unit's warranty).
    """
    by_product = {}
    for product, age, left in at_risk:
        ages, lefts = by_product.setdefault(product, ([], []))
        ages.append(age + offset)
        lefts.append(left - offset)
    out, remaining = {}, 0.0
    for product, (ages, lefts) in by_product.items():
        out[product] = result.expected_by_month(ages, lefts, months)
        remaining += result.expected_remaining(ages, lefts)
    return out, remaining


def months_between(start, end):
    """Months (float, 30.4375-day months) from date ``start`` to date ``end``."""
    return (end - start).days / 30.4375
