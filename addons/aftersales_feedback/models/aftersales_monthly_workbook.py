# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time

from odoo import _, api, models
from odoo.tools import SQL


class AftersalesMonthlyWorkbook(models.AbstractModel):
    """The feedback part of the monthly workbook (readme/CONFIGURE.md, "Complaint statistics"):
    complaints by category (counts, serious ones, answered late, compensation paid, reopened) and
    the technicians' ratings on the four points of the feedback form, for the monthly appraisal."""

    _inherit = "aftersales.monthly.workbook"

    @api.model
    def _aftersales_workbook_sheets(self, month_start, month_end, company):
        sheets = super()._aftersales_workbook_sheets(month_start, month_end, company)
        sheets.append(self._aftersales_workbook_complaints_sheet(month_start, month_end, company))
        sheets.append(self._aftersales_workbook_ratings_sheet(month_start, month_end, company))
        return sheets

    @api.model
    def _aftersales_workbook_money_rows(self, month_start, month_end, company):
        rows = super()._aftersales_workbook_money_rows(month_start, month_end, company)
        [(compensation,)] = self.env["aftersales.complaint"]._read_group(
            self._aftersales_workbook_complaint_domain(month_start, month_end, company),
            [],
            ["compensation_amount:sum"],
        )
        return rows + [(_("Compensation paid on complaints"), compensation or 0.0)]

    @api.model
    def _aftersales_workbook_complaint_domain(self, month_start, month_end, company):
        """Complaints received in the month (suggestions and enquiries excluded)."""
        return [
            ("company_id", "=", company.id),
            ("kind", "=", "complaint"),
            ("reported_date", ">=", datetime.combine(month_start, time.min)),
            ("reported_date", "<", datetime.combine(month_end, time.min)),
        ]

    @api.model
    def _aftersales_workbook_complaint_rows(self, month_start, month_end, company):
        """Rows (category, complaints, serious or critical, still open, answered late,
        average hours to answer the answered ones, reopened, compensation) of the complaints
        received in the month."""
        Complaint = self.env["aftersales.complaint"]
        labels = dict(Complaint._fields["category"]._description_selection(self.env))
        domain = self._aftersales_workbook_complaint_domain(month_start, month_end, company)
        answer_hours = dict(
            Complaint._read_group(
                domain + [("closed_date", "!=", False)], ["category"], ["answer_hours:avg"]
            )
        )
        per_category = {}
        for (
            category,
            severity,
            state,
            late,
            count,
            reopened,
            compensation,
        ) in Complaint._read_group(
            domain,
            ["category", "severity", "state", "answered_late"],
            ["__count", "reopen_count:sum", "compensation_amount:sum"],
        ):
            name = labels.get(category) or _("Not set")
            row = per_category.setdefault(
                category, [name, 0, 0, 0, 0, answer_hours.get(category), 0, 0.0]
            )
            row[1] += count
            if severity != "normal":
                row[2] += count
            if state != "closed":
                row[3] += count
            if late:
                row[4] += count
            row[6] += reopened
            row[7] += compensation
        return sorted(per_category.values(), key=lambda row: (-row[1], row[0]))

    @api.model
    def _aftersales_workbook_rating_rows(self, month_start, month_end, company):
        """Rows (technician, ratings, attitude, skill, arrival, promises, average score,
        unsatisfied answers, complaints) of the month, scores on 1-4 (4 = very satisfied)."""
        groups = self.env["aftersales.technician.rating.report"]._read_group(
            [
                ("company_id", "=", company.id),
                ("date", ">=", month_start),
                ("date", "<", month_end),
            ],
            ["technician_id"],
            [
                "rating_count:sum",
                "score_attitude:avg",
                "score_skill:avg",
                "score_arrival:avg",
                "score_promise:avg",
                "score_average:avg",
                "unsatisfied_count:sum",
                "complaint_count:sum",
            ],
        )
        rows = [
            (technician.display_name or self.env._("Unassigned"), *values)
            for technician, *values in groups
        ]
        return sorted(rows, key=lambda row: row[0])

    @api.model
    def _aftersales_workbook_complaints_sheet(self, month_start, month_end, company):
        currency = company.currency_id.name
        return {
            "name": _("Complaints"),
            "title": _("Complaints of %(month)s", month=month_start.strftime("%B %Y")),
            "subtitle": self._aftersales_workbook_subtitle(month_start, company)
            + _(" - complaints received in the month"),
            "tables": [
                {
                    "title": _("By category"),
                    "columns": [
                        {"header": _("Category"), "type": "text", "width": 34},
                        {"header": _("Complaints"), "type": "integer"},
                        {"header": _("Serious or critical"), "type": "integer"},
                        {"header": _("Still open"), "type": "integer"},
                        {"header": _("Answered late"), "type": "integer"},
                        {"header": _("Avg. hours to answer"), "type": "number", "total": None},
                        {"header": _("Reopened"), "type": "integer"},
                        {"header": _("Compensation (%(cur)s)", cur=currency), "type": "money"},
                    ],
                    "rows": self._aftersales_workbook_complaint_rows(
                        month_start, month_end, company
                    ),
                    "empty_message": _("No complaint this month."),
                },
                {
                    "title": _("Rework: repeat repairs and repeat on-site visits by cause"),
                    "columns": [
                        {"header": _("Cause"), "type": "text", "width": 34},
                        {"header": _("Repeat repairs"), "type": "integer"},
                        {"header": _("Repeat visits"), "type": "integer"},
                    ],
                    "rows": self._aftersales_workbook_repeat_rows(month_start, month_end, company),
                    "empty_message": _("No repeat repair nor repeat visit this month."),
                },
            ],
        }

    @api.model
    def _aftersales_workbook_repeat_rows(self, month_start, month_end, company):
        """Rows (failure cause, repeat repairs taken in the month, repeat on-site visits
        planned in the month) - 003 篇六: rework and repeat visits with their reasons. A visit
        is a repeat when its repair is a repeat repair of the unit, or when it is not the
        first visit of its repair."""
        Repair = self.env["repair.order"]
        labels = dict(Repair._fields["failure_cause"]._description_selection(self.env))
        not_set = _("Not set")
        start, end = datetime.combine(month_start, time.min), datetime.combine(month_end, time.min)
        per_cause = {}

        def row(cause):
            if cause not in per_cause:
                per_cause[cause] = [labels.get(cause) or not_set, 0, 0]
            return per_cause[cause]

        for cause, count in Repair._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "!=", "cancel"),
                ("is_repeat_repair", "=", True),
                ("intake_date", ">=", start),
                ("intake_date", "<", end),
            ],
            ["failure_cause"],
            ["__count"],
        ):
            row(cause)[1] += count
        # the month's visits (the user's access applied: the query of Odoo's search) counted
        # in the database per cause of their repair, nothing read record by record: all the
        # visits of a repeat repair, all but the first visit of the others
        Dispatch = self.env["aftersales.dispatch"]
        visits = Dispatch._search(
            [
                ("company_id", "=", company.id),
                ("state", "!=", "cancel"),
                ("planned_start", ">=", start),
                ("planned_start", "<", end),
            ]
        )
        Dispatch.flush_model(["repair_id", "state"])
        Repair.flush_model(["failure_cause", "is_repeat_repair"])
        for cause, repeats in self.env.execute_query(
            SQL(
                """
                SELECT r.failure_cause,
                       COUNT(*) FILTER (
                           WHERE r.is_repeat_repair
                              OR d.id != (SELECT MIN(o.id) FROM aftersales_dispatch o
                                           WHERE o.repair_id = d.repair_id
                                             AND o.state != 'cancel'))
                  FROM aftersales_dispatch d
                  JOIN repair_order r ON r.id = d.repair_id
                 WHERE d.id IN %s
              GROUP BY r.failure_cause
                """,
                visits.subselect(),
            )
        ):
            if repeats:
                row(cause or False)[2] += repeats
        return sorted(per_cause.values(), key=lambda r: (-r[1] - r[2], r[0]))

    @api.model
    def _aftersales_workbook_ratings_sheet(self, month_start, month_end, company):
        score = {"type": "number", "total": None}
        return {
            "name": _("Technician ratings"),
            "title": _("Technician ratings of %(month)s", month=month_start.strftime("%B %Y")),
            "subtitle": _(
                "%(company)s - feedback forms answered in the month; scores from 1 "
                "(unsatisfied) to 4 (very satisfied)",
                company=company.name,
            ),
            "tables": [
                {
                    "title": _("By technician"),
                    "columns": [
                        {"header": _("Technician"), "type": "text", "width": 30},
                        {"header": _("Ratings"), "type": "integer"},
                        dict(score, header=_("Attitude")),
                        dict(score, header=_("Skill")),
                        dict(score, header=_("Arrival time")),
                        dict(score, header=_("Promises kept")),
                        dict(score, header=_("Average score")),
                        {"header": _("Unsatisfied answers"), "type": "integer"},
                        {"header": _("Complaints"), "type": "integer"},
                    ],
                    "rows": self._aftersales_workbook_rating_rows(month_start, month_end, company),
                    "empty_message": _("No feedback form answered this month."),
                },
            ],
        }
