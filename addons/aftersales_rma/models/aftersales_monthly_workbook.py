# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

REGISTER_STATES = ("draft", "cancelled")


class AftersalesMonthlyWorkbook(models.AbstractModel):
    """The return register of the month (000 §11) in the monthly workbook: every return or
    exchange with product, maker, supplier, model, serial, production date, returning party,
    date, quantity, reason and outcome."""

    _inherit = "aftersales.monthly.workbook"

    @api.model
    def _aftersales_workbook_sheets(self, month_start, month_end, company):
        sheets = super()._aftersales_workbook_sheets(month_start, month_end, company)
        sheets.append(self._aftersales_workbook_returns_sheet(month_start, month_end, company))
        return sheets

    @api.model
    def _aftersales_workbook_return_rows(self, month_start, month_end, company):
        start, end = self._aftersales_workbook_bounds(month_start, month_end)
        rmas = self.env["rma"].search(
            [
                ("company_id", "=", company.id),
                ("state", "not in", REGISTER_STATES),
                ("date", ">=", start),
                ("date", "<", end),
            ],
            order="date, id",
        )
        outcomes = dict(
            self.env["rma"]._fields["aftersales_outcome"]._description_selection(self.env)
        )
        states = dict(self.env["rma"]._fields["state"]._description_selection(self.env))
        for rma in rmas:
            outcome = outcomes.get(rma.aftersales_outcome) or rma.operation_id.name or ""
            yield (
                rma.name,
                rma.product_id.name,
                rma.maker_id.display_name or "",
                rma.supplier_id.display_name or "",
                rma.product_id.default_code or "",
                rma.lot_id.name or "",
                rma.lot_id.production_date or None,
                rma.partner_id.commercial_partner_id.display_name,
                fields.Datetime.context_timestamp(self, rma.date).date(),
                rma.product_uom_qty,
                rma.return_reason or "",
                f"{outcome} ({states.get(rma.state, rma.state)})",
            )

    @api.model
    def _aftersales_workbook_returns_sheet(self, month_start, month_end, company):
        return {
            "name": _("Returns"),
            "title": _(
                "Return and exchange register of %(month)s", month=month_start.strftime("%B %Y")
            ),
            "subtitle": self._aftersales_workbook_subtitle(month_start, company),
            "tables": [
                {
                    "columns": [
                        {"header": _("Return"), "type": "text", "width": 14},
                        {"header": _("Product"), "type": "text"},
                        {"header": _("Maker"), "type": "text"},
                        {"header": _("Supplier"), "type": "text"},
                        {"header": _("Model"), "type": "text", "width": 14},
                        {"header": _("Serial"), "type": "text", "width": 16},
                        {"header": _("Production date"), "type": "date"},
                        {"header": _("Returned by"), "type": "text"},
                        {"header": _("Date"), "type": "date"},
                        {"header": _("Quantity"), "type": "number"},
                        {"header": _("Reason"), "type": "text"},
                        {"header": _("Outcome"), "type": "text"},
                    ],
                    "rows": self._aftersales_workbook_return_rows(month_start, month_end, company),
                    "totals": True,
                    "empty_message": _("No return or exchange this month."),
                },
            ],
        }
