# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import _, api, models
from odoo.tools import format_date


class AftersalesMonthlyWorkbook(models.AbstractModel):
    """The warranty forecast in the monthly workbook: reliability per part, the claims and
    cost expected for the units in warranty, the spare parts they will need, and the
    roll-forward of the warranty provision of the month."""

    _inherit = "aftersales.monthly.workbook"

    @api.model
    def _aftersales_workbook_sheets(self, month_start, month_end, company):
        sheets = super()._aftersales_workbook_sheets(month_start, month_end, company)
        sheets.append(self._aftersales_workbook_forecast_sheet(month_start, month_end, company))
        if company.aftersales_provision_account_id:
            sheets.append(
                self._aftersales_workbook_provision_sheet(month_start, month_end, company)
            )
        return sheets

    @api.model
    def _aftersales_workbook_reliability_rows(self, company):
        fits = self.env["aftersales.part.reliability"].search(
            [("company_id", "=", company.id), ("method", "!=", "none")]
        )
        methods = dict(fits._fields["method"]._description_selection(self.env))
        return [
            (
                fit.part_id.display_name,
                methods.get(fit.method, ""),
                fit.failure_count,
                fit.censored_count,
                fit.shape,
                fit.scale,
                fit.mtbf,
                fit.b10,
                fit.b10_low,
                fit.b10_high,
                fit.expected_claims_12,
            )
            for fit in fits.sorted(lambda f: (-f.expected_claims_12, f.part_id.display_name))
        ]

    @api.model
    def _aftersales_workbook_forecast_rows(self, company):
        """(product, part, claims 3/6/12 months, cost 12 months) of the current forecast."""
        Forecast = self.env["aftersales.warranty.forecast"]
        first = Forecast.search([("company_id", "=", company.id)], order="date", limit=1).date
        if not first:
            return []
        rows = {}
        for months in (3, 6, 12):
            for product, part, claims, cost in Forecast._read_group(
                [
                    ("company_id", "=", company.id),
                    ("date", "<", first + relativedelta(months=months)),
                ],
                ["product_id", "part_id"],
                ["expected_claims:sum", "expected_cost:sum"],
            ):
                row = rows.setdefault(
                    (product, part), [product.display_name, part.display_name, 0, 0, 0, 0]
                )
                row[{3: 2, 6: 3, 12: 4}[months]] = claims
                if months == 12:
                    row[5] = cost
        return sorted(rows.values(), key=lambda row: (-row[5], row[0], row[1]))

    @api.model
    def _aftersales_workbook_forecast_sheet(self, month_start, month_end, company):
        currency = company.currency_id.name
        fits = self.env["aftersales.part.reliability"].search(
            [("company_id", "=", company.id)], limit=1, order="fit_date desc"
        )
        fitted = (
            _("fitted on %(date)s", date=format_date(self.env, fits.fit_date))
            if fits.fit_date
            else _("not fitted yet")
        )
        months = _("Months")
        return {
            "name": _("Warranty forecast"),
            "title": _("Warranty reliability and forecast (%(fitted)s)", fitted=fitted),
            "subtitle": self._aftersales_workbook_subtitle(month_start, company),
            "tables": [
                {
                    "title": _("Reliability per part (months in service)"),
                    "columns": [
                        {"header": _("Part"), "type": "text", "width": 36},
                        {"header": _("Method"), "type": "text", "width": 30},
                        {"header": _("Failures"), "type": "integer"},
                        {"header": _("Units without failure"), "type": "integer"},
                        {"header": _("Shape"), "type": "number", "total": None},
                        {"header": _("Scale (%(m)s)", m=months), "type": "number", "total": None},
                        {"header": _("MTBF (%(m)s)", m=months), "type": "number", "total": None},
                        {"header": _("B10 (%(m)s)", m=months), "type": "number", "total": None},
                        {"header": _("B10 low"), "type": "number", "total": None},
                        {"header": _("B10 high"), "type": "number", "total": None},
                        {"header": _("Claims next 12 months"), "type": "number"},
                    ],
                    "rows": self._aftersales_workbook_reliability_rows(company),
                    "empty_message": _("No part fitted yet."),
                },
                {
                    "title": _("Expected warranty claims by product and part"),
                    "columns": [
                        {"header": _("Product"), "type": "text", "width": 30},
                        {"header": _("Part"), "type": "text", "width": 30},
                        {"header": _("Claims, 3 months"), "type": "number"},
                        {"header": _("Claims, 6 months"), "type": "number"},
                        {"header": _("Claims, 12 months"), "type": "number"},
                        {"header": _("Cost, 12 months (%(cur)s)", cur=currency), "type": "money"},
                    ],
                    "rows": self._aftersales_workbook_forecast_rows(company),
                    "empty_message": _("No unit in warranty to forecast."),
                },
                {
                    "title": _("Spare parts for warranty repairs"),
                    "columns": [
                        {"header": _("Part"), "type": "text", "width": 36},
                        {"header": _("Demand, 3 months"), "type": "number"},
                        {"header": _("Demand, 6 months"), "type": "number"},
                        {"header": _("Demand, 12 months"), "type": "number"},
                    ],
                    "rows": [
                        (fit.part_id.display_name, fit.demand_3, fit.demand_6, fit.demand_12)
                        for fit in self.env["aftersales.part.reliability"].search(
                            [("company_id", "=", company.id), ("demand_12", ">", 0)]
                        )
                    ],
                    "empty_message": _("No warranty demand expected."),
                },
            ],
        }

    @api.model
    def _aftersales_workbook_provision_sheet(self, month_start, month_end, company):
        currency = company.currency_id.name
        figures = self.env["aftersales.warranty.provision"]._rollforward(
            company, month_start, month_end - relativedelta(days=1)
        )
        rows = [
            (_("Opening balance"), figures["opening"]),
            (_("Additions"), figures["additions"]),
            (_("Usage by warranty repairs"), -figures["usage"]),
            (_("Releases of expired warranties"), -figures["releases"]),
            (_("Other entries on the account"), figures["other"]),
            (_("Closing balance"), figures["closing"]),
            (_("Balance of the provision account (ledger)"), figures["ledger"]),
        ]
        return {
            "name": _("Warranty provision"),
            "title": _(
                "Warranty provision roll-forward of %(month)s",
                month=month_start.strftime("%B %Y"),
            ),
            "subtitle": self._aftersales_workbook_subtitle(month_start, company),
            "tables": [
                {
                    "columns": [
                        {"header": _("Movement"), "type": "text", "width": 40},
                        {"header": _("Amount (%(cur)s)", cur=currency), "type": "money"},
                    ],
                    "rows": rows,
                    "totals": False,
                },
            ],
        }
