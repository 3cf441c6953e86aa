# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, float_round

from ..tools import reliability

FORECAST_MONTHS = 12


class AftersalesPartReliability(models.Model):
    """The reliability of one part in one company: the life-data fit (Weibull with censoring,
    or an empirical rate when the part has too few failures), computed from the warranty
    repairs and failure reports (failures) and the delivered-serial register (units at risk).
    Written only by the refit (monthly cron or a manager's or accountant's button)."""

    _name = "aftersales.part.reliability"
    _description = "Part Reliability"
    _order = "company_id, expected_claims_12 desc, id"
    _check_company_auto = True
    _rec_name = "part_id"

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    part_id = fields.Many2one("product.product", required=True, index=True, readonly=True)
    part_tmpl_id = fields.Many2one(related="part_id.product_tmpl_id", store=True, index=True)
    method = fields.Selection(
        [
            ("weibull", "Weibull (maximum likelihood, censored)"),
            ("empirical", "Empirical rate (too few failures)"),
            ("none", "No data"),
        ],
        readonly=True,
    )
    method_note = fields.Char(readonly=True)
    failure_count = fields.Integer(string="Failures", readonly=True)
    censored_count = fields.Integer(
        string="Units Without Failure",
        readonly=True,
        help="Units at risk that have not failed (right-censored at today or at the end of "
        "the part's warranty).",
    )
    unit_months = fields.Float(string="Unit-Months Observed", readonly=True, digits=(16, 1))
    shape = fields.Float(string="Weibull Shape (β)", readonly=True)
    scale = fields.Float(string="Weibull Scale (η, months)", readonly=True)
    rate = fields.Float(string="Failures per 1,000 Unit-Months", readonly=True)
    mtbf = fields.Float(string="MTBF (months)", readonly=True, digits=(16, 1))
    mtbf_low = fields.Float(string="MTBF Low", readonly=True, digits=(16, 1))
    mtbf_high = fields.Float(string="MTBF High", readonly=True, digits=(16, 1))
    b10 = fields.Float(string="B10 Life (months)", readonly=True, digits=(16, 1))
    b10_low = fields.Float(readonly=True, digits=(16, 1))
    b10_high = fields.Float(readonly=True, digits=(16, 1))
    confidence = fields.Float(readonly=True, digits=(16, 2))
    # the covariance of (shape, log scale) of a Weibull fit, the rate's band of an empirical
    # one: what the chart's confidence band is drawn from
    cov_shape = fields.Float(readonly=True)
    cov_shape_log_scale = fields.Float(readonly=True)
    cov_log_scale = fields.Float(readonly=True)
    rate_low = fields.Float(string="Rate Low (per 1,000 Unit-Months)", readonly=True)
    rate_high = fields.Float(string="Rate High (per 1,000 Unit-Months)", readonly=True)
    claim_count = fields.Integer(
        string="Warranty Claims", readonly=True, help="Warranty repairs that replaced the part."
    )
    avg_claim_cost = fields.Monetary(
        string="Average Cost per Claim",
        readonly=True,
        help="Cost of the part and of the warranty labour on it, per warranty repair.",
    )
    avg_claim_qty = fields.Float(
        string="Parts per Claim", readonly=True, digits="Product Unit of Measure"
    )
    units_at_risk = fields.Integer(
        string="Units in Warranty", readonly=True, help="Units whose part is still covered."
    )
    expected_claims_3 = fields.Float(string="Claims, Next 3 Months", readonly=True)
    expected_claims_6 = fields.Float(string="Claims, Next 6 Months", readonly=True)
    expected_claims_12 = fields.Float(string="Claims, Next 12 Months", readonly=True)
    demand_3 = fields.Float(
        string="Demand 3 Months", readonly=True, digits="Product Unit of Measure"
    )
    demand_6 = fields.Float(
        string="Demand 6 Months", readonly=True, digits="Product Unit of Measure"
    )
    demand_12 = fields.Float(
        string="Demand 12 Months", readonly=True, digits="Product Unit of Measure"
    )
    remaining_liability = fields.Monetary(
        readonly=True,
        help="Expected cost of the claims of the units still in warranty, until their "
        "warranty ends.",
    )
    fit_date = fields.Date(string="Fitted On", readonly=True)
    chart = fields.Html(compute="_compute_chart", sanitize=False, string="Failure Probability")

    _sql_constraints = [
        ("company_part_uniq", "unique(company_id, part_id)", "A part has one fit per company."),
    ]

    @api.depends("method", "shape", "scale", "rate", "confidence")
    def _compute_chart(self):
        for record in self:
            record.chart = record._chart_svg()

    # ------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------
    def action_refit(self):
        """Refit the parts and the forecast of the current company (managers, accountants)."""
        self._check_can_refit()
        self.env["aftersales.part.reliability"].sudo()._refit_company(self.env.company)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_open_forecast(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_warranty_forecast.aftersales_warranty_forecast_action"
        )
        action["domain"] = [("part_id", "=", self.part_id.id)]
        return action

    @api.model
    def _check_can_refit(self):
        user = self.env.user
        if not (
            user.has_group("aftersales_repair.aftersales_group_manager")
            or user.has_group("account.group_account_invoice")
        ):
            raise AccessError(
                _("Only after-sales managers and accountants can refit the warranty forecast.")
            )

    @api.model
    def _cron_refit(self):
        companies = self.env["aftersales.warranty"].sudo()._read_group([], ["company_id"])
        for (company,) in companies:
            self.sudo()._refit_company(company)

    # ------------------------------------------------------------------------------------
    # Life data
    # ------------------------------------------------------------------------------------
    @api.model
    def _failures_sql(self, company):
        """(repair, serial, part, day) of every warranty repair's covered part and of every
        failure report naming a failed part, of this company."""
        return SQL(
            """
            SELECT ro.id AS repair_id, ro.lot_id, sm.product_id AS part_id,
                   ro.intake_date::date AS day
              FROM stock_move sm
              JOIN repair_order ro ON ro.id = sm.repair_id
             WHERE sm.repair_line_type = 'add' AND sm.state = 'done'
               AND sm.warranty_charged IS NOT TRUE AND sm.warranty_source = 'policy'
               AND ro.lot_id IS NOT NULL AND ro.company_id = %(company)s
             UNION
            SELECT fr.repair_id, fr.lot_id, fr.failed_part_id AS part_id, fr.failure_date AS day
              FROM aftersales_failure_report fr
             WHERE fr.failed_part_id IS NOT NULL AND fr.lot_id IS NOT NULL
               AND fr.failure_date IS NOT NULL AND fr.company_id = %(company)s
            """,
            company=company.id,
        )

    @api.model
    def _life_data(self, company, today):
        """Per part: (failure ages, censored ages, units in warranty as (product, age, months
        left)), from the delivered-serial register and the failures.

        A unit is at risk for a part when its product has that part on a warranty line or the
        part failed on a unit of that product. Its observation ends today or at the end of
        the part's warranty line (its own line, else its category's, else the whole unit's).
        A serial's first failure of the part within that window counts; the others are
        censored at the end of the window."""
        failures = SQL("(%s)", self._failures_sql(company))
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH failures AS %(failures)s,
                first_failure AS (
                    SELECT lot_id, part_id, array_agg(day ORDER BY day) AS days
                      FROM failures GROUP BY lot_id, part_id
                ),
                pairs AS (
                    SELECT DISTINCT w.product_id, wl.part_product_id AS part_id
                      FROM aftersales_warranty_line wl
                      JOIN aftersales_warranty w ON w.id = wl.warranty_id
                     WHERE wl.part_product_id IS NOT NULL AND w.company_id = %(company)s
                     UNION
                    SELECT DISTINCT lot.product_id, f.part_id
                      FROM failures f JOIN stock_lot lot ON lot.id = f.lot_id
                )
                SELECT pairs.part_id, w.product_id, w.start_date,
                       CASE WHEN w.state = 'active' THEN NULL ELSE w.return_date END,
                       w.state,
                       (SELECT wl.end_date
                          FROM aftersales_warranty_line wl
                     LEFT JOIN product_category lc ON lc.id = wl.part_categ_id
                         WHERE wl.warranty_id = w.id
                           AND (wl.part_product_id = pairs.part_id
                                OR (wl.part_product_id IS NULL AND wl.part_categ_id IS NOT NULL
                                    AND left(pc.parent_path, length(lc.parent_path))
                                        = lc.parent_path)
                                OR wl.is_unit)
                      ORDER BY CASE WHEN wl.part_product_id = pairs.part_id THEN 0
                                    WHEN wl.part_categ_id IS NOT NULL THEN 1 ELSE 2 END,
                               length(lc.parent_path) DESC NULLS LAST
                         LIMIT 1) AS end_date,
                       ff.days
                  FROM aftersales_warranty w
                  JOIN pairs ON pairs.product_id = w.product_id
                  JOIN product_product pp ON pp.id = pairs.part_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_category pc ON pc.id = pt.categ_id
             LEFT JOIN first_failure ff ON ff.lot_id = w.lot_id AND ff.part_id = pairs.part_id
                 WHERE w.company_id = %(company)s AND w.start_date IS NOT NULL
                   AND w.start_date <= %(today)s
                """,
                failures=failures,
                company=company.id,
                today=today,
            )
        )
        return reliability.life_data(self.env.cr.fetchall(), today)

    @api.model
    def _claim_costs(self, company):
        """Per part: (claims, cost, quantity) of its warranty repairs: the part's cost and the
        warranty labour on it (labour not tied to a part is shared among the repair's parts),
        labour valued at its service product's cost."""
        self.env.cr.execute(
            SQL(
                """
                SELECT sm.repair_id, sm.product_id, SUM(sm.warranty_cost), SUM(sm.quantity)
                  FROM stock_move sm
                  JOIN repair_order ro ON ro.id = sm.repair_id
                 WHERE sm.repair_line_type = 'add' AND sm.state = 'done'
                   AND sm.warranty_charged IS NOT TRUE AND sm.warranty_source = 'policy'
                   AND ro.company_id = %s
              GROUP BY sm.repair_id, sm.product_id
                """,
                company.id,
            )
        )
        per_repair = defaultdict(dict)
        for repair_id, part_id, cost, qty in self.env.cr.fetchall():
            per_repair[repair_id][part_id] = [cost or 0.0, qty or 0.0]
        if per_repair:
            labour = (
                self.env["aftersales.repair.labour"]
                .sudo()
                ._read_group(
                    [
                        ("repair_id", "in", list(per_repair)),
                        ("warranty_charged", "=", False),
                        ("is_declined", "=", False),
                    ],
                    ["repair_id", "product_id", "warranty_part_id"],
                    ["hours:sum"],
                )
            )
            for repair, product, part, hours in labour:
                cost = hours * product.with_company(company).standard_price
                parts = per_repair[repair.id]
                if part.id in parts:
                    parts[part.id][0] += cost
                else:
                    for values in parts.values():
                        values[0] += cost / len(parts)
        totals = defaultdict(lambda: [0, 0.0, 0.0])
        for parts in per_repair.values():
            for part_id, (cost, qty) in parts.items():
                total = totals[part_id]
                total[0] += 1
                total[1] += cost
                total[2] += qty
        return totals

    # ------------------------------------------------------------------------------------
    # Fit and forecast
    # ------------------------------------------------------------------------------------
    @api.model
    def _compute_company(self, company, today):
        """Fit every part of the company and forecast its claims: (fit values per part,
        forecast rows, remaining liability). Nothing is written."""
        data = self._life_data(company, today)
        costs = self._claim_costs(company)
        first_month = today.replace(day=1) + relativedelta(months=1)
        offset = reliability.months_between(today, first_month)
        currency = company.currency_id
        fits, rows = {}, []
        liability = 0.0
        for part_id, (fails, censored, at_risk) in data.items():
            result = reliability.fit(fails, censored)
            claims, cost, qty = costs.get(part_id, (0, 0.0, 0.0))
            avg_cost = cost / claims if claims else 0.0
            avg_qty = qty / claims if claims else 1.0
            total = [0.0] * FORECAST_MONTHS
            # the forecast starts on the first day of next month
            by_product, remaining = reliability.forecast(result, at_risk, offset, FORECAST_MONTHS)
            for product_id, by_month in by_product.items():
                for index, expected in enumerate(by_month):
                    total[index] += expected
                    if expected > 1e-6:
                        rows.append(
                            {
                                "company_id": company.id,
                                "date": first_month + relativedelta(months=index),
                                "product_id": product_id,
                                "part_id": part_id,
                                "expected_claims": expected,
                                "expected_cost": currency.round(expected * avg_cost),
                                "expected_qty": expected * avg_qty,
                            }
                        )
            liability += remaining * avg_cost
            fits[part_id] = self._fit_values(result, today) | {
                "claim_count": claims,
                "avg_claim_cost": avg_cost,
                "avg_claim_qty": avg_qty,
                "units_at_risk": len(at_risk),
                "expected_claims_3": sum(total[:3]),
                "expected_claims_6": sum(total[:6]),
                "expected_claims_12": sum(total),
                "demand_3": sum(total[:3]) * avg_qty,
                "demand_6": sum(total[:6]) * avg_qty,
                "demand_12": sum(total) * avg_qty,
                "remaining_liability": currency.round(remaining * avg_cost),
            }
        return fits, rows, currency.round(liability)

    @api.model
    def _fit_values(self, result, today):
        values = {
            "method": result.method,
            "failure_count": result.failures,
            "censored_count": result.censored,
            "unit_months": result.exposure,
            "shape": result.shape,
            "scale": result.scale,
            "rate": result.rate * 1000.0,
            "rate_low": result.rate_low * 1000.0,
            "rate_high": result.rate_high * 1000.0,
            "cov_shape": result.cov[0][0] if result.method == "weibull" else 0.0,
            "cov_shape_log_scale": result.cov[0][1] if result.method == "weibull" else 0.0,
            "cov_log_scale": result.cov[1][1] if result.method == "weibull" else 0.0,
            "confidence": result.confidence,
            "fit_date": today,
            "mtbf": 0.0,
            "mtbf_low": 0.0,
            "mtbf_high": 0.0,
            "b10": 0.0,
            "b10_low": 0.0,
            "b10_high": 0.0,
        }
        if result.method == "none":
            values["method_note"] = _("No unit observed yet.")
            return values
        if result.method == "empirical":
            values["method_note"] = _(
                "%(count)s failure(s), fewer than the %(min)s a Weibull fit needs: a constant "
                "rate per unit-month is used instead.",
                count=result.failures,
                min=reliability.MIN_FAILURES,
            )
        else:
            values["method_note"] = _(
                "Weibull fit of %(failures)s failures and %(censored)s units without failure.",
                failures=result.failures,
                censored=result.censored,
            )
        for name, value in (
            ("mtbf", result.mtbf),
            ("b10", result.b10),
        ):
            values[name] = value or 0.0
        band = dict(zip(("mtbf_low", "mtbf_high"), result.mtbf_band(), strict=True))
        band.update(zip(("b10_low", "b10_high"), result.b10_band(), strict=True))
        values.update({key: value or 0.0 for key, value in band.items()})
        return values

    @api.model
    def _refit_company(self, company, today=None):
        """Refit the parts of ``company`` and replace its forecast (idempotent: the same
        data give the same records)."""
        today = today or fields.Date.context_today(self)
        fits, rows, __ = self._compute_company(company, today)
        existing = {rec.part_id.id: rec for rec in self.search([("company_id", "=", company.id)])}
        to_create = []
        for part_id, values in fits.items():
            if part_id in existing:
                existing.pop(part_id).write(values)
            else:
                to_create.append(values | {"company_id": company.id, "part_id": part_id})
        self.create(to_create)
        for rec in existing.values():
            rec.write(self._fit_values(reliability.fit([], []), today))
        Forecast = self.env["aftersales.warranty.forecast"]
        Forecast.search([("company_id", "=", company.id)]).unlink()
        Forecast.create(rows)
        return True

    # ------------------------------------------------------------------------------------
    # Chart
    # ------------------------------------------------------------------------------------
    def _fit_object(self):
        """The stored fit as a reliability.Fit."""
        self.ensure_one()
        return reliability.Fit(
            method=self.method or "none",
            failures=self.failure_count,
            censored=self.censored_count,
            exposure=self.unit_months,
            shape=self.shape,
            scale=self.scale,
            rate=self.rate / 1000.0,
            rate_low=self.rate_low / 1000.0,
            rate_high=self.rate_high / 1000.0,
            confidence=self.confidence or reliability.CONFIDENCE,
            cov=[
                [self.cov_shape, self.cov_shape_log_scale],
                [self.cov_shape_log_scale, self.cov_log_scale],
            ],
        )

    def _chart_svg(self):
        """An SVG of the probability of failure by months in service (0 to 36 months or to
        twice the B10 life) with its confidence band, and the B10 life."""
        self.ensure_one()
        if self.method not in ("weibull", "empirical") or (
            self.method == "empirical" and not self.rate
        ):
            return Markup("<p>%s</p>") % _("No failure recorded: nothing to draw yet.")
        fit = self._fit_object()
        width, height, pad = 520, 260, 40
        horizon = max(36.0, min((self.b10 or 0.0) * 2.0, 240.0))
        points = [horizon * i / 60.0 for i in range(1, 61)]
        values, lows, highs = fit.cdf_band(points)
        top = min(max(float(highs[-1]), 0.01), 1.0)

        def x(t):
            return pad + (width - 2 * pad) * t / horizon

        def y(p):
            return height - pad - (height - 2 * pad) * p / top

        path = " ".join(
            "%s%.1f,%.1f" % ("M" if i == 0 else "L", x(t), y(float(p)))
            for i, (t, p) in enumerate(zip(points, values, strict=True))
        )
        parts = [
            Markup(
                '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
                'viewBox="0 0 %d %d" role="img">'
            )
            % (width, height, width, height)
        ]
        band = [(t, float(p)) for t, p in zip(points, highs, strict=True)] + [
            (t, float(p)) for t, p in reversed(list(zip(points, lows, strict=True)))
        ]
        parts.append(
            Markup('<polygon points="%s" fill="#f5c2c7" opacity="0.7"/>')
            % " ".join("%.1f,%.1f" % (x(t), y(min(p, top))) for t, p in band)
        )
        if self.b10 and self.b10 <= horizon:
            parts.append(
                Markup(
                    '<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#0d6efd" '
                    'stroke-dasharray="4"/>'
                )
                % (x(self.b10), pad, x(self.b10), height - pad)
            )
        parts.append(Markup('<path d="%s" fill="none" stroke="#dc3545" stroke-width="2"/>') % path)
        parts.append(
            Markup(
                '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>'
                '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>'
            )
            % (pad, height - pad, width - pad, height - pad, pad, pad, pad, height - pad)
        )
        for tick in range(0, int(horizon) + 1, max(int(horizon // 6), 1)):
            parts.append(
                Markup('<text x="%.1f" y="%d" font-size="10" text-anchor="middle">%d</text>')
                % (x(tick), height - pad + 14, tick)
            )
        parts.append(
            Markup('<text x="%d" y="%d" font-size="10">%s %%</text>')
            % (2, pad, float_round(top * 100.0, 1))
        )
        parts.append(
            Markup('<text x="%d" y="%d" font-size="11" text-anchor="middle">%s</text>')
            % (width // 2, height - 6, _("Months in service"))
        )
        parts.append(
            Markup('<text x="%d" y="%d" font-size="11">%s</text>')
            % (
                pad,
                pad - 12,
                _(
                    "Probability of failure, shaded: its %(confidence)s %% confidence band; "
                    "dashed: B10 life",
                    confidence=int(round((self.confidence or reliability.CONFIDENCE) * 100)),
                ),
            )
        )
        parts.append(Markup("</svg>"))
        return Markup("").join(parts)
