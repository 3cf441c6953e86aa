# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL


class AftersalesTechnicianRatingReport(models.Model):
    """One row per answered feedback form and per complaint against a technician, for the
    monthly appraisal (averages of the four points on a 1-4 scale: 4 = very satisfied)."""

    _name = "aftersales.technician.rating.report"
    _description = "Technician Monthly Rating"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    technician_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    rating_count = fields.Integer(string="Ratings", readonly=True, aggregator="sum")
    complaint_count = fields.Integer(string="Complaints", readonly=True, aggregator="sum")
    unsatisfied_count = fields.Integer(
        string="Unsatisfied Answers", readonly=True, aggregator="sum"
    )
    score_attitude = fields.Float(string="Attitude", readonly=True, aggregator="avg")
    score_skill = fields.Float(string="Skill", readonly=True, aggregator="avg")
    score_arrival = fields.Float(string="Arrival Time", readonly=True, aggregator="avg")
    score_promise = fields.Float(string="Promises Kept", readonly=True, aggregator="avg")
    score_average = fields.Float(string="Average Score", readonly=True, aggregator="avg")

    def _score(self, column):
        return SQL(
            "CASE %s WHEN 'very_satisfied' THEN 4 WHEN 'satisfied' THEN 3 "
            "WHEN 'fair' THEN 2 WHEN 'unsatisfied' THEN 1 END",
            SQL.identifier("r", column),
        )

    def _query(self):
        scores = [
            self._score(c)
            for c in ("rating_attitude", "rating_skill", "rating_arrival", "rating_promise")
        ]
        return SQL(
            """
            SELECT row_number() OVER () AS id, src.* FROM (
                SELECT r.answered_date::date AS date, r.technician_id, r.company_id,
                       1 AS rating_count, 0 AS complaint_count,
                       (CASE WHEN 'unsatisfied' IN (r.rating_attitude, r.rating_skill,
                             r.rating_arrival, r.rating_promise) THEN 1 ELSE 0 END)
                           AS unsatisfied_count,
                       %s AS score_attitude, %s AS score_skill,
                       %s AS score_arrival, %s AS score_promise,
                       (%s + %s + %s + %s) / 4.0 AS score_average
                  FROM aftersales_feedback_request r
                 WHERE r.state = 'answered' AND r.technician_id IS NOT NULL
                UNION ALL
                SELECT c.reported_date::date, c.technician_id, c.company_id, 0, 1, 0,
                       NULL, NULL, NULL, NULL, NULL
                  FROM aftersales_complaint c
                 WHERE c.technician_id IS NOT NULL AND c.kind = 'complaint'
            ) src
            """,
            *scores,
            *scores,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
