# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_unfinished_digest_date = fields.Date(
        string="Unfinished Repairs Digest Sent On",
        readonly=True,
        copy=False,
        help="Technical: the day the morning list of unfinished repairs was last sent; a "
        "second run the same day sends nothing.",
    )
    aftersales_repeat_repair_days = fields.Integer(
        string="Repeat Repair Window (days)",
        default=90,
        help="A repair of a serial repaired within this many days is flagged as a repeat repair.",
    )
    aftersales_invoice_delay_days = fields.Integer(
        string="Invoice Repairs Within (days)",
        default=7,
        help="A repair done this many days ago and still not invoiced gets an activity for its "
        "responsible.",
    )
    aftersales_collection_handover_days = fields.Integer(
        string="Hand Over On-Site Collections Within (days)",
        default=30,
        help="Money a technician collects on site must be handed to the accountant within this "
        "many days; later it is overdue.",
    )
    aftersales_sla_risk_percent = fields.Float(
        string="Deadline At Risk (%)",
        default=75.0,
        help="A service deadline is flagged at risk, and its responsible warned, once this "
        "share of the time allowed has elapsed.",
    )

    _sql_constraints = [
        (
            "aftersales_sla_risk_percent_range",
            "CHECK(aftersales_sla_risk_percent > 0 AND aftersales_sla_risk_percent < 100)",
            "The at-risk threshold of service deadlines must be between 0 and 100 %.",
        ),
        (
            "aftersales_repeat_repair_days_positive",
            "CHECK(aftersales_repeat_repair_days > 0)",
            "The repeat repair window must be a positive number of days.",
        ),
        (
            "aftersales_invoice_delay_days_positive",
            "CHECK(aftersales_invoice_delay_days > 0)",
            "The delay to invoice a repair must be a positive number of days.",
        ),
        (
            "aftersales_collection_handover_days_positive",
            "CHECK(aftersales_collection_handover_days > 0)",
            "The delay to hand over an on-site collection must be a positive number of days.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # a new company starts with the default service levels (DOMAIN.md §3) of the suite
        self.env["aftersales.sla.policy"]._aftersales_copy_defaults(companies)
        # and the default approval rules (DOMAIN.md §4)
        self.env["aftersales.approval.rule"]._aftersales_seed_default_rules(
            "aftersales_repair", companies
        )
        return companies
