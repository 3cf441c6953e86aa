# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.workbook import build_workbook


class AftersalesMonthlyWorkbook(models.AbstractModel):
    """The monthly after-sales statistics workbook (readme/CONFIGURE.md, "Monthly workbook"):
    gathered here with _read_group, written by tools/workbook.py.

    Other modules add their sheets by extending ``_aftersales_workbook_sheets`` (append to the
    list returned by super()) and money rows by extending ``_aftersales_workbook_money_rows``.
    A sheet spec is described in tools/workbook.py."""

    _name = "aftersales.monthly.workbook"
    _description = "Monthly After-Sales Workbook"

    # ------------------------------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------------------------------
    @api.model
    def _aftersales_workbook_month_start(self, day):
        """First day of the month of ``day``; a month in the future is refused."""
        month_start = fields.Date.to_date(day).replace(day=1)
        today = fields.Date.context_today(self)
        if month_start > today.replace(day=1):
            raise UserError(
                _(
                    "The workbook of %(month)s cannot be made yet: that month has not started. "
                    "Choose the current month or an earlier one.",
                    month=month_start.strftime("%m/%Y"),
                )
            )
        return month_start

    @api.model
    def _aftersales_workbook_generate(self, day, company):
        """Return (file name, XLSX bytes) of the workbook of the month of ``day``."""
        month_start = self._aftersales_workbook_month_start(day)
        month_end = month_start + relativedelta(months=1)
        self = self.with_company(company)
        sheets = self._aftersales_workbook_sheets(month_start, month_end, company)
        data = build_workbook(
            sheets,
            properties={
                "title": self._aftersales_workbook_title(month_start, company),
                "company": company.name,
                "author": self.env.user.name,
            },
        )
        return self._aftersales_workbook_filename(month_start, company), data

    @api.model
    def _aftersales_workbook_filename(self, month_start, company):
        return _(
            "After-Sales %(month)s - %(company)s.xlsx",
            month=month_start.strftime("%Y-%m"),
            company=company.name,
        )

    @api.model
    def _aftersales_workbook_title(self, month_start, company):
        return _(
            "After-sales statistics of %(month)s - %(company)s",
            month=month_start.strftime("%B %Y"),
            company=company.name,
        )

    @api.model
    def _cron_send_monthly_workbook(self):
        """Monthly (on the 1st): post last month's workbook to the after-sales managers of
        each company, on the company's contact, notifying them (once per month and company)."""
        last_month = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        group = self.env.ref("aftersales_repair.aftersales_group_manager")
        for company in self.env["res.company"].search([]):
            managers = group.users.filtered(
                lambda user, company=company: company in user.company_ids and not user.share
            )
            if not managers:
                continue
            filename = self._aftersales_workbook_filename(last_month, company)
            already = self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", company.partner_id.id),
                    ("name", "=", filename),
                ]
            )
            if already:
                continue
            self._aftersales_workbook_post(last_month, company, managers)

    @api.model
    def _aftersales_workbook_post(self, month_start, company, users):
        filename, data = self._aftersales_workbook_generate(month_start, company)
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "datas": base64.b64encode(data),
                "res_model": "res.partner",
                "res_id": company.partner_id.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return company.partner_id.message_post(
            body=_(
                "The after-sales statistics workbook of %(month)s is attached.",
                month=month_start.strftime("%m/%Y"),
            ),
            subject=self._aftersales_workbook_title(month_start, company),
            attachment_ids=attachment.ids,
            partner_ids=users.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------------------------------
    # Sheets (extension hooks)
    # ------------------------------------------------------------------------------------------
    @api.model
    def _aftersales_workbook_sheets(self, month_start, month_end, company):
        """The sheet specs of the workbook, in order. Extend with super() to add sheets."""
        sheets = [
            self._aftersales_workbook_summary_sheet(month_start, month_end, company),
            self._aftersales_workbook_repairs_sheet(month_start, month_end, company),
            self._aftersales_workbook_money_sheet(month_start, month_end, company),
        ]
        if "aftersales.sla.deadline" in self.env:
            sheets.append(self._aftersales_workbook_on_time_sheet(month_start, month_end, company))
        if company.aftersales_workbook_per_centre:
            # every branch sends its repair records
            # (readme/CONFIGURE.md, "Monthly records per service centre")
            sheets += self._aftersales_workbook_centre_sheets(month_start, month_end, company)
        return sheets

    @api.model
    def _aftersales_workbook_generate_centre(self, day, company, centre):
        """Return (file name, XLSX bytes) of the records of one service centre for the month
        of ``day``: the centre's sheet only."""
        month_start = self._aftersales_workbook_month_start(day)
        month_end = month_start + relativedelta(months=1)
        self = self.with_company(company)
        sheets = self._aftersales_workbook_centre_sheets(
            month_start, month_end, company, centres=centre
        )
        title = _(
            "After-sales records of %(centre)s - %(month)s",
            centre=centre.name,
            month=month_start.strftime("%B %Y"),
        )
        data = build_workbook(
            sheets,
            properties={"title": title, "company": company.name, "author": self.env.user.name},
        )
        filename = _(
            "After-Sales %(month)s - %(company)s - %(centre)s.xlsx",
            month=month_start.strftime("%Y-%m"),
            company=company.name,
            centre=centre.name,
        )
        return filename, data

    @api.model
    def _aftersales_workbook_money_rows(self, month_start, month_end, company):
        """Rows (label, amount) of the Money sheet. Extend with super() to add rows (for
        example what was recovered from suppliers)."""
        totals = self._aftersales_workbook_repair_totals(month_start, month_end, company)
        collections = self._aftersales_workbook_collection_totals(month_start, month_end, company)
        return [
            (_("Charged to customers"), totals["amount_charged"]),
            (_("Invoiced"), totals["amount_invoiced"]),
            (_("Paid"), totals["amount_paid"]),
            (_("Still due"), totals["amount_residual"]),
            (_("Collected on site"), collections["amount"]),
            (_("Collected on site, not handed over"), collections["pending"]),
            (_("Warranty cost (parts and labour given free, at cost)"), totals["covered_cost"]),
            (_("Warranty value (at sales price)"), totals["covered"]),
        ]

    # ------------------------------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------------------------------
    @api.model
    def _aftersales_workbook_bounds(self, month_start, month_end):
        return (
            datetime.combine(month_start, time.min),
            datetime.combine(month_end, time.min),
        )

    @api.model
    def _aftersales_workbook_done_domain(self, month_start, month_end, company):
        start, end = self._aftersales_workbook_bounds(month_start, month_end)
        return [
            ("company_id", "=", company.id),
            ("state", "=", "done"),
            ("date_repaired", ">=", start),
            ("date_repaired", "<", end),
        ]

    @api.model
    def _aftersales_workbook_subtitle(self, month_start, company):
        return _(
            "%(company)s - %(month)s - amounts in %(currency)s",
            company=company.name,
            month=month_start.strftime("%B %Y"),
            currency=company.currency_id.name,
        )

    @api.model
    def _aftersales_workbook_repair_totals(self, month_start, month_end, company):
        fnames = [
            "amount_charged",
            "amount_invoiced",
            "amount_paid",
            "amount_residual",
            "amount_covered",
            "amount_covered_cost",
        ]
        [row] = self.env["repair.order"]._read_group(
            self._aftersales_workbook_done_domain(month_start, month_end, company),
            [],
            ["__count"] + [f"{fname}:sum" for fname in fnames],
        )
        count, charged, invoiced, paid, residual, covered, covered_cost = row
        return {
            "count": count,
            "amount_charged": charged or 0.0,
            "amount_invoiced": invoiced or 0.0,
            "amount_paid": paid or 0.0,
            "amount_residual": residual or 0.0,
            "covered": covered or 0.0,
            "covered_cost": covered_cost or 0.0,
        }

    @api.model
    def _aftersales_workbook_collection_totals(self, month_start, month_end, company):
        groups = self.env["aftersales.repair.collection"]._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "!=", "cancel"),
                ("date", ">=", month_start),
                ("date", "<", month_end),
            ],
            ["state"],
            ["amount:sum"],
        )
        amounts = dict(groups)
        return {
            "amount": sum(amounts.values()),
            "pending": amounts.get("collected", 0.0),
        }

    @api.model
    def _aftersales_workbook_group_rows(self, domain, groupby, label):
        """Rows (key, repairs, charged, covered at cost, covered at sales value) of repairs
        grouped by one field."""
        Repair = self.env["repair.order"]
        field = Repair._fields[groupby]
        selection = (
            dict(field._description_selection(self.env)) if field.type == "selection" else {}
        )
        groups = Repair._read_group(
            domain,
            [groupby],
            ["__count", "amount_charged:sum", "amount_covered_cost:sum", "amount_covered:sum"],
            order=f"{groupby} asc",
        )
        for key, count, charged, covered_cost, covered in sorted(
            groups, key=lambda group: -group[1]
        ):
            if field.type == "selection":
                name = selection.get(key) or label
            else:
                name = key.display_name if key else label
            yield (name, count, charged, covered_cost, covered)

    @api.model
    def _aftersales_workbook_repair_columns(self, first_header, currency):
        return [
            {"header": first_header, "type": "text", "width": 34},
            {"header": _("Repairs"), "type": "integer"},
            {"header": _("Charged (%(cur)s)", cur=currency.name), "type": "money"},
            {"header": _("Free, at cost (%(cur)s)", cur=currency.name), "type": "money"},
            {"header": _("Free, at sales value (%(cur)s)", cur=currency.name), "type": "money"},
        ]

    # ------------------------------------------------------------------------------------------
    # The sheets of this module
    # ------------------------------------------------------------------------------------------
    @api.model
    def _aftersales_workbook_summary_sheet(self, month_start, month_end, company):
        start, end = self._aftersales_workbook_bounds(month_start, month_end)
        Repair = self.env["repair.order"]
        opened = Repair.search_count(
            [
                ("company_id", "=", company.id),
                ("create_date", ">=", start),
                ("create_date", "<", end),
            ]
        )
        done_domain = self._aftersales_workbook_done_domain(month_start, month_end, company)
        totals = self._aftersales_workbook_repair_totals(month_start, month_end, company)
        collections = self._aftersales_workbook_collection_totals(month_start, month_end, company)
        overdue = self.env["aftersales.repair.collection"].search_count(
            [("company_id", "=", company.id), ("is_overdue", "=", True)]
        )
        currency = company.currency_id.name
        figures = [
            (_("Repairs opened"), opened, None),
            (_("Repairs completed"), totals["count"], None),
            (_("Charged to customers"), None, totals["amount_charged"]),
            (_("Invoiced"), None, totals["amount_invoiced"]),
            (_("Paid"), None, totals["amount_paid"]),
            (_("Collected on site"), None, collections["amount"]),
            (_("On-site collections overdue (today)"), overdue, None),
            (_("Warranty cost (at cost)"), None, totals["covered_cost"]),
        ]
        category_rows = [
            (name, count)
            for name, count, *__ in self._aftersales_workbook_group_rows(
                done_domain, "service_category", self.env._("Not set")
            )
        ]
        return {
            "name": _("Summary"),
            "title": self._aftersales_workbook_title(month_start, company),
            "subtitle": self._aftersales_workbook_subtitle(month_start, company),
            "tables": [
                {
                    "title": _("Key figures"),
                    "columns": [
                        {"header": _("Figure"), "type": "text", "width": 42},
                        {"header": _("Count"), "type": "integer", "total": None},
                        {
                            "header": _("Amount (%(cur)s)", cur=currency),
                            "type": "money",
                            "total": None,
                        },
                    ],
                    "rows": figures,
                    "totals": False,
                },
                {
                    "title": _("Repairs completed by service category"),
                    "columns": [
                        {"header": _("Service category"), "type": "text"},
                        {"header": _("Repairs"), "type": "integer"},
                    ],
                    "rows": category_rows,
                    "empty_message": _("No repair completed this month."),
                },
            ],
            "chart": {
                "table": 1,
                "type": "column",
                "title": _("Repairs completed by service category"),
                "category_column": 0,
                "value_columns": [1],
                "y_axis": _("Repairs"),
            },
        }

    @api.model
    def _aftersales_workbook_breakdown_tables(self, domain, currency, breakdowns):
        return [
            {
                "title": title,
                "columns": self._aftersales_workbook_repair_columns(header, currency),
                "rows": self._aftersales_workbook_group_rows(domain, fname, empty),
                "empty_message": self.env._("No repair completed this month."),
            }
            for fname, title, header, empty in breakdowns
        ]

    @api.model
    def _aftersales_workbook_repair_breakdowns(self):
        return [
            ("product_id", _("By product"), _("Product"), _("No product")),
            ("fault_code_id", _("By fault code"), _("Fault code"), _("No fault code")),
            ("failure_cause", _("By failure cause"), _("Cause"), _("Not analysed")),
            ("user_id", _("By technician (responsible)"), _("Technician"), _("Unassigned")),
            ("service_category", _("By service category"), _("Category"), _("Not set")),
        ]

    @api.model
    def _aftersales_workbook_repairs_sheet(self, month_start, month_end, company):
        domain = self._aftersales_workbook_done_domain(month_start, month_end, company)
        breakdowns = self._aftersales_workbook_repair_breakdowns() + [
            (
                "service_centre_id",
                _("By service centre"),
                _("Service centre"),
                _("No service centre"),
            ),
        ]
        tables = self._aftersales_workbook_breakdown_tables(
            domain, company.currency_id, breakdowns
        )
        return {
            "name": _("Repairs"),
            "title": _("Repairs completed in %(month)s", month=month_start.strftime("%B %Y")),
            "subtitle": self._aftersales_workbook_subtitle(month_start, company),
            "tables": tables,
        }

    @api.model
    def _aftersales_workbook_centre_sheets(self, month_start, month_end, company, centres=None):
        """A sheet per service centre (branch) with the repairs it opened and completed in the
        month: its key figures, then the breakdowns of the Repairs sheet. Without ``centres``:
        every centre of the company that opened or completed a repair in the month."""
        start, end = self._aftersales_workbook_bounds(month_start, month_end)
        Repair = self.env["repair.order"]
        done_domain = self._aftersales_workbook_done_domain(month_start, month_end, company)
        opened_domain = [
            ("company_id", "=", company.id),
            ("create_date", ">=", start),
            ("create_date", "<", end),
        ]
        opened = dict(Repair._read_group(opened_domain, ["service_centre_id"], ["__count"]))
        done = {
            centre: (count, charged, covered_cost)
            for centre, count, charged, covered_cost in Repair._read_group(
                done_domain,
                ["service_centre_id"],
                ["__count", "amount_charged:sum", "amount_covered_cost:sum"],
            )
        }
        if centres is None:
            centres = (
                self.env["aftersales.service.centre"]
                .browse({c.id for c in (*opened, *done) if c})
                .sorted()
            )
        currency = company.currency_id
        sheets = []
        for centre in centres:
            count, charged, covered_cost = done.get(centre, (0, 0.0, 0.0))
            domain = done_domain + [("service_centre_id", "=", centre.id)]
            figures = [
                (_("Repairs opened"), opened.get(centre, 0), None),
                (_("Repairs completed"), count, None),
                (_("Charged to customers"), None, charged or 0.0),
                (_("Warranty cost (at cost)"), None, covered_cost or 0.0),
            ]
            key_figures = {
                "title": _("Key figures"),
                "columns": [
                    {"header": _("Figure"), "type": "text", "width": 42},
                    {"header": _("Count"), "type": "integer", "total": None},
                    {
                        "header": _("Amount (%(cur)s)", cur=currency.name),
                        "type": "money",
                        "total": None,
                    },
                ],
                "rows": figures,
                "totals": False,
            }
            sheets.append(
                {
                    "name": centre.name,
                    "title": _(
                        "Repairs of %(centre)s in %(month)s",
                        centre=centre.name,
                        month=month_start.strftime("%B %Y"),
                    ),
                    "subtitle": self._aftersales_workbook_subtitle(month_start, company),
                    "tables": [key_figures]
                    + self._aftersales_workbook_breakdown_tables(
                        domain, currency, self._aftersales_workbook_repair_breakdowns()
                    ),
                }
            )
        return sheets

    @api.model
    def _aftersales_workbook_money_sheet(self, month_start, month_end, company):
        currency = company.currency_id.name
        collection_groups = self.env["aftersales.repair.collection"]._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "!=", "cancel"),
                ("date", ">=", month_start),
                ("date", "<", month_end),
            ],
            ["technician_id", "state"],
            ["__count", "amount:sum"],
        )
        per_technician = {}
        for technician, state, count, amount in collection_groups:
            row = per_technician.setdefault(technician, [technician.display_name, 0, 0.0, 0.0])
            row[1] += count
            row[2 if state == "registered" else 3] += amount
        return {
            "name": _("Money"),
            "title": _("Money of %(month)s", month=month_start.strftime("%B %Y")),
            "subtitle": self._aftersales_workbook_subtitle(month_start, company)
            + _(" - repairs completed in the month; collections dated in the month"),
            "tables": [
                {
                    "title": _("Billing of the repairs"),
                    "columns": [
                        {"header": _("Item"), "type": "text", "width": 52},
                        {"header": _("Amount (%(cur)s)", cur=currency), "type": "money"},
                    ],
                    "rows": self._aftersales_workbook_money_rows(month_start, month_end, company),
                    "totals": False,
                },
                {
                    "title": _("On-site collections by technician"),
                    "columns": [
                        {"header": _("Technician"), "type": "text"},
                        {"header": _("Receipts"), "type": "integer"},
                        {"header": _("Handed over (%(cur)s)", cur=currency), "type": "money"},
                        {"header": _("Not handed over (%(cur)s)", cur=currency), "type": "money"},
                    ],
                    "rows": sorted(per_technician.values(), key=lambda row: row[0]),
                    "empty_message": _("No collection on site this month."),
                },
            ],
        }

    @api.model
    def _aftersales_workbook_on_time_rows(self, domain, groupby, empty_label):
        """Rows (key, deadlines, met on time, late, on-time rate) of the service deadlines
        due in the month, grouped by one field."""
        Deadline = self.env["aftersales.sla.deadline"]
        field = Deadline._fields[groupby]
        selection = (
            dict(field._description_selection(self.env)) if field.type == "selection" else {}
        )
        per_key = {}
        for key, state, count in Deadline._read_group(domain, [groupby, "state"], ["__count"]):
            row = per_key.setdefault(key, [0, 0, 0])
            row[0] += count
            row[1 if state == "met" else 2] += count
        rows = []
        for key, (total, on_time, late) in per_key.items():
            if field.type == "selection":
                name = selection.get(key) or empty_label
            else:
                name = key.display_name if key else empty_label
            rows.append((name, total, on_time, late, on_time / total if total else None))
        return sorted(rows, key=lambda row: row[0])

    @api.model
    def _aftersales_workbook_on_time_sheet(self, month_start, month_end, company):
        start, end = self._aftersales_workbook_bounds(month_start, month_end)
        domain = [
            ("company_id", "=", company.id),
            ("deadline_datetime", ">=", start),
            ("deadline_datetime", "<", end),
            ("state", "in", ("met", "met_late", "breached")),
        ]
        columns = [
            {"header": _("Deadlines due"), "type": "integer"},
            {"header": _("Met on time"), "type": "integer"},
            {"header": _("Late or missed"), "type": "integer"},
            {"header": _("On-time rate"), "type": "percent", "total": {"ratio": (2, 1)}},
        ]
        return {
            "name": _("On-time rates"),
            "title": _("Service deadlines due in %(month)s", month=month_start.strftime("%B %Y")),
            "subtitle": _(
                "%(company)s - deadlines still open are not counted",
                company=company.name,
            ),
            "tables": [
                {
                    "title": _("By target"),
                    "columns": [{"header": _("Target"), "type": "text", "width": 30}, *columns],
                    "rows": self._aftersales_workbook_on_time_rows(
                        domain, "target_kind", _("Not set")
                    ),
                    "empty_message": _("No service deadline fell due this month."),
                },
                {
                    "title": _("By responsible"),
                    "columns": [{"header": _("Responsible"), "type": "text"}, *columns],
                    "rows": self._aftersales_workbook_on_time_rows(
                        domain, "user_id", _("Unassigned")
                    ),
                    "empty_message": _("No service deadline fell due this month."),
                },
            ],
        }
