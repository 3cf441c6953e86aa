# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Complaint deadlines become service-level targets (aftersales_sla).

The company settings of the complaint register (stored columns until 18.0.1.0.0) become the
durations of the company's policies; every complaint keeps the deadlines it had, now as
aftersales.sla.deadline records (met when it was acknowledged or answered)."""

from odoo import SUPERUSER_ID, api, fields
from odoo.tools.sql import column_exists, table_exists

TABLE = "aftersales_complaint_deadline_18_0_1_0_0"

SETTINGS = (
    "aftersales_complaint_ack_hours",
    "aftersales_complaint_answer_hours",
    "aftersales_complaint_answer_count",
    "aftersales_enquiry_answer_hours",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["res.company"].search([])
    if all(column_exists(cr, "res_company", name) for name in SETTINGS):
        cr.execute(
            "SELECT id, aftersales_complaint_ack_hours, aftersales_complaint_answer_hours, "
            "aftersales_complaint_answer_count, aftersales_enquiry_answer_hours FROM res_company"
        )
        for company_id, ack, answer, count, enquiry in cr.fetchall():
            values = {
                "aftersales_complaint_ack_hours": ack or 4.0,
                "aftersales_complaint_answer_hours": answer or 48.0,
                "aftersales_complaint_answer_count": count or "calendar",
                "aftersales_enquiry_answer_hours": enquiry or 8.0,
            }
            env["res.company"].browse(company_id).write(values)
    for company in companies:
        for kind in ("forward", "enquiry_answer", "complaint_answer", "callback"):
            company._aftersales_target_policy(kind)
    policies = companies._aftersales_complaint_policies()
    if not table_exists(cr, TABLE):
        return
    # the deadlines each complaint had, kept by pre-migrate.py before the recomputation
    cr.execute(
        """
        SELECT c.id, c.company_id, c.kind, c.reported_date, o.acknowledge_deadline,
               c.acknowledged_date, o.answer_deadline, c.closed_date, c.state, c.user_id,
               c.team_id, c.partner_id
          FROM aftersales_complaint c
          JOIN aftersales_complaint_deadline_18_0_1_0_0 o ON o.id = c.id
         WHERE NOT EXISTS (
                SELECT 1 FROM aftersales_sla_deadline d
                 WHERE d.res_model = 'aftersales.complaint' AND d.res_id = c.id)
        """
    )
    now = fields.Datetime.now()
    vals_list = []
    for row in cr.dictfetchall():
        company = env["res.company"].browse(row["company_id"])
        answer_kind = "enquiry_answer" if row["kind"] == "enquiry" else "complaint_answer"
        targets = (
            ("forward", row["acknowledge_deadline"], row["acknowledged_date"]),
            (
                answer_kind,
                row["answer_deadline"],
                row["closed_date"] if row["state"] == "closed" else False,
            ),
        )
        for kind, deadline, met in targets:
            policy = policies.get((company.id, kind))
            if not deadline or not policy:
                continue
            late = (met or now) > deadline
            state = (
                ("met_late" if late else "met") if met else ("breached" if late else "on_track")
            )
            vals_list.append(
                {
                    "res_model": "aftersales.complaint",
                    "res_id": row["id"],
                    "policy_id": policy.id,
                    "target_kind": kind,
                    "company_id": company.id,
                    "user_id": row["user_id"],
                    "team_id": row["team_id"],
                    "partner_id": row["partner_id"],
                    "calendar_id": (policy.calendar_id or company.resource_calendar_id).id,
                    "start_datetime": row["reported_date"],
                    "deadline_datetime": deadline,
                    "met_datetime": met or False,
                    "state": state,
                    "was_breached": late,
                    "breach_notified": late,
                    "risk_notified": late,
                }
            )
    env["aftersales.sla.deadline"].create(vals_list)
    env.flush_all()
    cr.execute("DROP TABLE aftersales_complaint_deadline_18_0_1_0_0")
