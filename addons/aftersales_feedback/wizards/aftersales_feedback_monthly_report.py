# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io

import xlsxwriter
from dateutil.relativedelta import relativedelta
from xlsxwriter.utility import xl_col_to_name

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.aftersales_complaint import CATEGORIES


class AftersalesFeedbackMonthlyReport(models.TransientModel):
    _name = "aftersales.feedback.monthly.report"
    _description = "Monthly Feedback and Complaint Report (XLSX)"

    month = fields.Date(
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        ),
        help="Any day of the month to report on.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    file_data = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.model
    def _period(self, month):
        start = month.replace(day=1)
        return start, start + relativedelta(months=1)

    def _technician_rows(self, start, end):
        groups = self.env["aftersales.technician.rating.report"]._read_group(
            [
                ("date", ">=", start),
                ("date", "<", end),
                ("company_id", "=", self.company_id.id),
            ],
            ["technician_id"],
            [
                "rating_count:sum",
                "score_attitude:avg",
                "score_skill:avg",
                "score_arrival:avg",
                "score_promise:avg",
                "score_average:avg",
                "complaint_count:sum",
            ],
        )
        return [(tech.display_name, *values) for tech, *values in groups]

    def _complaint_rows(self, start, end):
        groups = self.env["aftersales.complaint"]._read_group(
            [
                ("reported_date", ">=", start),
                ("reported_date", "<", end),
                ("company_id", "=", self.company_id.id),
                ("kind", "=", "complaint"),
            ],
            ["category"],
            ["__count", "answer_hours:avg", "compensation_amount:sum"],
        )
        labels = dict(CATEGORIES)
        late = dict(
            self.env["aftersales.complaint"]._read_group(
                [
                    ("reported_date", ">=", start),
                    ("reported_date", "<", end),
                    ("company_id", "=", self.company_id.id),
                    ("kind", "=", "complaint"),
                    "|",
                    ("answered_late", "=", True),
                    "&",
                    ("state", "!=", "closed"),
                    ("answer_deadline", "<", fields.Datetime.now()),
                ],
                ["category"],
                ["__count"],
            )
        )
        return [
            (labels[cat], count, late.get(cat, 0), hours or 0.0, amount or 0.0)
            for cat, count, hours, amount in groups
        ]

    def _build_workbook(self):
        start, end = self._period(self.month)
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        title = book.add_format({"bold": True, "font_size": 14})
        head = book.add_format(
            {"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "border": 1}
        )
        num = book.add_format({"num_format": "0.00", "border": 1})
        cell = book.add_format({"border": 1})
        total = book.add_format({"bold": True, "top": 2, "num_format": "0.00"})
        money = book.add_format({"num_format": "#,##0.00", "border": 1})
        period = start.strftime("%Y-%m")

        sheet = book.add_worksheet(_("Technicians"))
        sheet.write(0, 0, _("Technician ratings %(period)s", period=period), title)
        headers = [
            _("Technician"),
            _("Ratings"),
            _("Attitude"),
            _("Skill"),
            _("Arrival Time"),
            _("Promises Kept"),
            _("Average (1-4)"),
            _("Complaints"),
        ]
        sheet.write_row(2, 0, headers, head)
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, len(headers) - 1, 14)
        sheet.freeze_panes(3, 1)
        rows = self._technician_rows(start, end)
        for r, row in enumerate(rows, start=3):
            sheet.write(r, 0, row[0], cell)
            for c, value in enumerate(row[1:], start=1):
                sheet.write_number(r, c, value or 0.0, num if c not in (1, 7) else cell)
        last = 3 + len(rows)
        sheet.write(last, 0, _("Total"), total)
        for c in (1, 7):
            col = xl_col_to_name(c)
            sheet.write_formula(last, c, f"=SUM({col}4:{col}{last})", total)

        sheet = book.add_worksheet(_("Complaints"))
        sheet.write(0, 0, _("Complaints %(period)s", period=period), title)
        headers = [
            _("Category"),
            _("Complaints"),
            _("Overdue"),
            _("Avg. Hours to Answer"),
            _("Compensation"),
        ]
        sheet.write_row(2, 0, headers, head)
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, len(headers) - 1, 18)
        sheet.freeze_panes(3, 1)
        rows = self._complaint_rows(start, end)
        for r, row in enumerate(rows, start=3):
            sheet.write(r, 0, row[0], cell)
            sheet.write_number(r, 1, row[1], cell)
            sheet.write_number(r, 2, row[2], cell)
            sheet.write_number(r, 3, row[3], num)
            sheet.write_number(r, 4, row[4], money)
        last = 3 + len(rows)
        sheet.write(last, 0, _("Total"), total)
        for c in (1, 2, 4):
            col = xl_col_to_name(c)
            sheet.write_formula(last, c, f"=SUM({col}4:{col}{last})", total)
        book.close()
        return buffer.getvalue(), period

    def action_export(self):
        self.ensure_one()
        if not self.month:
            raise UserError(_("Choose the month to report on."))
        content, period = self._build_workbook()
        self.write(
            {
                "file_data": base64.b64encode(content),
                "file_name": f"aftersales_monthly_{period}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{self.file_name}?download=true",
            "target": "self",
        }
