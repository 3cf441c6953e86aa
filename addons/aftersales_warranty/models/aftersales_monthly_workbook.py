# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, models

# states of a defective-part return, as columns of the "Warranty parts" sheet
RETURN_COLUMNS = {
    "expected": 4,
    "received": 4,
    "accepted": 5,
    "rejected": 6,
    "not_returned": 6,
}


class AftersalesMonthlyWorkbook(models.AbstractModel):
    """The warranty part of the monthly workbook (aftersales_repair/readme/CONFIGURE.md, "Monthly
    workbook"): warranty parts issued and their defective parts returned, the warranty cost of the
    repairs by product and supplier, the supplier claims, and the money recovered from
    suppliers."""

    _inherit = "aftersales.monthly.workbook"

    @api.model
    def _aftersales_workbook_sheets(self, month_start, month_end, company):
        sheets = super()._aftersales_workbook_sheets(month_start, month_end, company)
        sheets.append(
            self._aftersales_workbook_warranty_parts_sheet(month_start, month_end, company)
        )
        sheets.append(self._aftersales_workbook_claims_sheet(month_start, month_end, company))
        return sheets

    @api.model
    def _aftersales_workbook_money_rows(self, month_start, month_end, company):
        rows = super()._aftersales_workbook_money_rows(month_start, month_end, company)
        issued = self._aftersales_workbook_returns_domain(month_start, month_end, company)
        [(issued_cost,)] = self.env["aftersales.part.return"]._read_group(
            issued, [], ["amount:sum"]
        )
        recovered = self._aftersales_workbook_recovered(month_start, month_end, company)
        return rows + [
            (_("Warranty parts issued (at cost)"), issued_cost or 0.0),
            (_("Recovered from suppliers (claims settled in the month)"), recovered),
        ]

    # ------------------------------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------------------------------
    @api.model
    def _aftersales_workbook_returns_domain(self, month_start, month_end, company):
        """Defective-part returns of the warranty parts issued in the month."""
        return [
            ("company_id", "=", company.id),
            ("state", "!=", "cancel"),
            ("date_issued", ">=", month_start),
            ("date_issued", "<", month_end),
        ]

    @api.model
    def _aftersales_workbook_recovered(self, month_start, month_end, company):
        [(recovered,)] = self.env["aftersales.supplier.claim"]._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("date_outcome", ">=", month_start),
                ("date_outcome", "<", month_end),
            ],
            [],
            ["recovered_amount:sum"],
        )
        return recovered or 0.0

    @api.model
    def _aftersales_workbook_warranty_parts_rows(self, month_start, month_end, company):
        """Rows (part, issued qty, cost, received qty, returns still expected or to inspect,
        accepted, charged as a parts sale) of the parts issued in the month."""
        per_part = {}
        for part, state, quantity, received, amount, count in self.env[
            "aftersales.part.return"
        ]._read_group(
            self._aftersales_workbook_returns_domain(month_start, month_end, company),
            ["product_id", "state"],
            ["quantity:sum", "received_qty:sum", "amount:sum", "__count"],
        ):
            row = per_part.setdefault(part, [part.display_name, 0.0, 0.0, 0.0, 0, 0, 0])
            row[1] += quantity
            row[2] += amount
            row[3] += received
            row[RETURN_COLUMNS.get(state, 4)] += count
        return sorted(per_part.values(), key=lambda row: row[0])

    @api.model
    def _aftersales_workbook_cost_rows(self, month_start, month_end, company, groupby, empty):
        """Rows (name, quantity, cost, recovered from suppliers, net cost) of the warranty cost
        of repairs (parts consumed free) and of the supplier claims settled in the month,
        grouped by one field of the warranty cost analysis."""
        groups = self.env["aftersales.warranty.cost.report"]._read_group(
            [
                ("company_id", "=", company.id),
                ("date", ">=", month_start),
                ("date", "<", month_end),
            ],
            [groupby],
            ["quantity:sum", "cost:sum", "recovered:sum", "net_cost:sum"],
        )
        rows = [(key.display_name if key else empty, *amounts) for key, *amounts in groups]
        return sorted(rows, key=lambda row: (-row[2], row[0]))

    # ------------------------------------------------------------------------------------------
    # Sheets
    # ------------------------------------------------------------------------------------------
    @api.model
    def _aftersales_workbook_warranty_parts_sheet(self, month_start, month_end, company):
        currency = company.currency_id.name
        cost_columns = [
            {"header": _("Quantity"), "type": "number"},
            {"header": _("Cost (%(cur)s)", cur=currency), "type": "money"},
            {"header": _("Recovered (%(cur)s)", cur=currency), "type": "money"},
            {"header": _("Net cost (%(cur)s)", cur=currency), "type": "money"},
        ]
        return {
            "name": _("Warranty parts"),
            "title": _(
                "Warranty parts and warranty cost of %(month)s",
                month=month_start.strftime("%B %Y"),
            ),
            "subtitle": self._aftersales_workbook_subtitle(month_start, company),
            "tables": [
                {
                    "title": _("Warranty parts issued in the month and their defective parts"),
                    "columns": [
                        {"header": _("Part"), "type": "text", "width": 36},
                        {"header": _("Issued"), "type": "number"},
                        {"header": _("Cost (%(cur)s)", cur=currency), "type": "money"},
                        {"header": _("Returned"), "type": "number"},
                        {"header": _("Returns open"), "type": "integer"},
                        {"header": _("Returns accepted"), "type": "integer"},
                        {"header": _("Charged (rejected or not returned)"), "type": "integer"},
                    ],
                    "rows": self._aftersales_workbook_warranty_parts_rows(
                        month_start, month_end, company
                    ),
                    "empty_message": _("No warranty part issued this month."),
                },
                {
                    "title": _("Warranty cost and supplier recoveries by product repaired"),
                    "columns": [
                        {"header": _("Product"), "type": "text"},
                        *cost_columns,
                    ],
                    "rows": self._aftersales_workbook_cost_rows(
                        month_start, month_end, company, "product_id", _("No product")
                    ),
                    "empty_message": _("No warranty cost nor recovery this month."),
                },
                {
                    "title": _("Warranty cost and supplier recoveries by supplier of the part"),
                    "columns": [
                        {"header": _("Supplier"), "type": "text"},
                        *cost_columns,
                    ],
                    "rows": self._aftersales_workbook_cost_rows(
                        month_start, month_end, company, "supplier_id", _("No supplier")
                    ),
                    "empty_message": _("No warranty cost nor recovery this month."),
                },
            ],
        }

    @api.model
    def _aftersales_workbook_claims_sheet(self, month_start, month_end, company):
        currency = company.currency_id.name
        per_vendor = {}
        for vendor, state, count, claimed, recovered in self.env[
            "aftersales.supplier.claim"
        ]._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "not in", ("draft", "cancel")),
                ("date_claim", ">=", month_start),
                ("date_claim", "<", month_end),
            ],
            ["partner_id", "state"],
            ["__count", "amount:sum", "recovered_amount:sum"],
        ):
            row = per_vendor.setdefault(vendor, [vendor.display_name, 0, 0, 0, 0.0, 0.0])
            row[1] += count
            if state == "done":
                row[2] += count
            elif state == "rejected":
                row[3] += count
            row[4] += claimed
            row[5] += recovered
        return {
            "name": _("Supplier claims"),
            "title": _("Supplier claims of %(month)s", month=month_start.strftime("%B %Y")),
            "subtitle": self._aftersales_workbook_subtitle(month_start, company)
            + _(" - claims made in the month"),
            "tables": [
                {
                    "title": _("By supplier"),
                    "columns": [
                        {"header": _("Supplier"), "type": "text", "width": 36},
                        {"header": _("Claims"), "type": "integer"},
                        {"header": _("Settled"), "type": "integer"},
                        {"header": _("Rejected"), "type": "integer"},
                        {"header": _("Claimed (%(cur)s)", cur=currency), "type": "money"},
                        {"header": _("Recovered (%(cur)s)", cur=currency), "type": "money"},
                    ],
                    "rows": sorted(per_vendor.values(), key=lambda row: row[0]),
                    "empty_message": _("No supplier claim this month."),
                },
            ],
        }
