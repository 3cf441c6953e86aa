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
    aftersales_approval_bypass_group_id = fields.Many2one(
        "res.groups",
        string="Approval Bypass Group",
        help="Members of this group may approve any after-sales approval request of the company "
        "at once; each such approval is recorded as a bypass.",
    )

    _sql_constraints = [
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
