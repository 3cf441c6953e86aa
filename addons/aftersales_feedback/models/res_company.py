# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.aftersales_repair.tools import check_number_bounds

# company setting: (target kind of the complaint register, default)
# (readme/CONFIGURE.md, "Complaint deadlines")
COMPLAINT_SETTINGS = {
    "aftersales_complaint_ack_hours": ("forward", 4.0),
    "aftersales_enquiry_answer_hours": ("enquiry_answer", 8.0),
    "aftersales_complaint_answer_hours": ("complaint_answer", 48.0),
    "aftersales_callback_hours": ("callback", 24.0),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    # The complaint register's targets are service-level policies (aftersales_sla): these
    # settings read and write the company's policy of each target
    # (readme/CONFIGURE.md, "Complaint deadlines").
    aftersales_complaint_ack_hours = fields.Float(
        string="Acknowledge Complaints Within (working hours)",
        compute="_compute_aftersales_complaint_ack_hours",
        inverse="_inverse_aftersales_complaint_ack_hours",
        help="001 §二.5: a request is forwarded to the service department, which acknowledges "
        "it, within 4 working hours.",
    )
    aftersales_complaint_answer_hours = fields.Float(
        string="Answer Complaints Within (hours)",
        compute="_compute_aftersales_complaint_answer_hours",
        inverse="_inverse_aftersales_complaint_answer_hours",
    )
    aftersales_complaint_answer_count = fields.Selection(
        [("calendar", "Calendar hours"), ("working", "Working hours")],
        string="Count Complaint Answer Hours In",
        compute="_compute_aftersales_complaint_answer_count",
        inverse="_inverse_aftersales_complaint_answer_count",
        help="Seed 003: the answer is due within 48 hours of accepting the complaint, counted "
        "in calendar hours; working hours count only the company's working time.",
    )
    aftersales_enquiry_answer_hours = fields.Float(
        string="Answer Enquiries Within (working hours)",
        compute="_compute_aftersales_enquiry_answer_hours",
        inverse="_inverse_aftersales_enquiry_answer_hours",
        help="001 §3.1: an enquiry is answered within 8 working hours.",
    )
    aftersales_callback_hours = fields.Float(
        string="Call the Customer Back Within (hours)",
        compute="_compute_aftersales_callback_hours",
        inverse="_inverse_aftersales_callback_hours",
        help="000 §1.2: the service department calls the customer back within 24 hours of "
        "the request.",
    )
    aftersales_feedback_expiry_days = fields.Integer(
        string="Feedback Link Valid (days)", default=30
    )
    aftersales_feedback_negative_keywords = fields.Char(
        string="Negative Feedback Keywords",
        default="bad, poor, rude, late, broken, dirty, unhappy, disappointed, terrible, "
        "never again, complain",
        help="Comma-separated words: a comment containing one opens a complaint.",
    )
    aftersales_survey_satisfied_score = fields.Float(string="Satisfied from Score", default=85.0)
    aftersales_survey_target_rate = fields.Float(
        string="Survey Coverage x Response Target (%)", default=75.0
    )

    _sql_constraints = [
        (
            "aftersales_feedback_expiry_positive",
            "CHECK(aftersales_feedback_expiry_days > 0)",
            "The feedback link must stay valid at least one day.",
        ),
    ]

    def _aftersales_complaint_policies(self):
        """{(company id, target kind): policy} of the complaint register's targets: the
        company's policy of each kind that applies to every request (the first in order)."""
        policies = (
            self.env["aftersales.sla.policy"]
            .sudo()
            .search(
                [
                    ("company_id", "in", self.ids),
                    (
                        "target_kind",
                        "in",
                        [kind for kind, _default in COMPLAINT_SETTINGS.values()],
                    ),
                    ("apply_on", "=", "all"),
                    ("partner_category_ids", "=", False),
                ]
            )
        )
        result = {}
        for policy in policies:
            result.setdefault((policy.company_id.id, policy.target_kind), policy)
        return result

    # one compute and one inverse per setting: a setting written alone writes its policy only
    def _compute_aftersales_complaint_ack_hours(self):
        self._aftersales_read_target("aftersales_complaint_ack_hours")

    def _compute_aftersales_complaint_answer_hours(self):
        self._aftersales_read_target("aftersales_complaint_answer_hours")

    def _compute_aftersales_enquiry_answer_hours(self):
        self._aftersales_read_target("aftersales_enquiry_answer_hours")

    def _compute_aftersales_callback_hours(self):
        self._aftersales_read_target("aftersales_callback_hours")

    def _compute_aftersales_complaint_answer_count(self):
        policies = self._aftersales_complaint_policies()
        for company in self:
            answer = policies.get((company.id, "complaint_answer"))
            company.aftersales_complaint_answer_count = (
                "working" if answer and answer.duration_unit != "calendar_hours" else "calendar"
            )

    def _inverse_aftersales_complaint_ack_hours(self):
        self._aftersales_write_target("aftersales_complaint_ack_hours")

    def _inverse_aftersales_complaint_answer_hours(self):
        self._aftersales_write_target("aftersales_complaint_answer_hours")

    def _inverse_aftersales_enquiry_answer_hours(self):
        self._aftersales_write_target("aftersales_enquiry_answer_hours")

    def _inverse_aftersales_callback_hours(self):
        self._aftersales_write_target("aftersales_callback_hours")

    def _inverse_aftersales_complaint_answer_count(self):
        for company in self:
            unit = (
                "working_hours"
                if company.aftersales_complaint_answer_count == "working"
                else "calendar_hours"
            )
            company._aftersales_target_policy("complaint_answer", {"duration_unit": unit})

    def _aftersales_read_target(self, name):
        kind, default = COMPLAINT_SETTINGS[name]
        policies = self._aftersales_complaint_policies()
        for company in self:
            policy = policies.get((company.id, kind))
            company[name] = policy.duration if policy else default

    def _aftersales_write_target(self, name):
        kind, _default = COMPLAINT_SETTINGS[name]
        for company in self:
            company._aftersales_target_policy(kind, {"duration": company[name]})

    def _aftersales_target_policy(self, kind, values=None):
        """The company's policy of a target of the complaint register, written with values;
        created from the seeded one when the company has none."""
        self.ensure_one()
        # sudo: the settings are the administrator's; the policy written is the company's
        policy = self._aftersales_complaint_policies().get((self.id, kind))
        if not policy:
            xmlid = f"aftersales_feedback.aftersales_sla_policy_{kind}"
            seeded = self.env.ref(xmlid, raise_if_not_found=False)
            if not seeded:
                return policy
            policy = seeded.sudo().copy({"company_id": self.id, "calendar_id": False})
        values = values or {}
        if any(policy[key] != value for key, value in values.items()):
            policy.write(values)
        return policy

    @api.constrains("aftersales_survey_satisfied_score", "aftersales_survey_target_rate")
    def _check_aftersales_survey_settings(self):
        check_number_bounds(
            self,
            ["aftersales_survey_satisfied_score", "aftersales_survey_target_rate"],
            high=100.0,
        )
