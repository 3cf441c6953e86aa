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
    aftersales_remote_first = fields.Boolean(
        string="Remote Guidance Before On-Site Visits",
        default=True,
        help="An on-site trip needs a recorded failed phone or remote attempt (date, by whom, "
        "outcome) or the reason to go on site at once (regulation 003 §9).",
    )
    aftersales_trip_parts = fields.Boolean(
        string="Trip Parts Through Transfers",
        default=True,
        help="Parts for a trip are requested on the trip as a transfer to the trip's location "
        "and the unused ones come back through a return transfer at check-out "
        "(regulation 001 §5).",
    )
    aftersales_trip_location_id = fields.Many2one(
        "stock.location",
        string="Trip Parts Location",
        domain="[('usage', '=', 'internal')]",
        help="Where the parts of a trip wait while on the road (the technician's van); empty: "
        "a location is created at the first request.",
    )
    aftersales_requisition_approval = fields.Boolean(
        string="Manager Approves Trip and Posted Parts",
        default=True,
        help="Parts taken on a trip or posted to a customer need a requisition the After-Sales "
        "Manager approves before the warehouse issues them: the trip's parts transfers and the "
        "warranty part requests for a trip or shipped to the customer (regulation 001 §五.3-4).",
    )
    aftersales_pre_inspection_checks = fields.Boolean(
        string="Self-Check and Team-Lead Check Before Inspection",
        default=True,
        help="The final quality inspection cannot pass until the technician's self-check and a "
        "team lead's check are recorded (regulations 000 and 002 篇六).",
    )
    aftersales_team_lead_group_id = fields.Many2one(
        "res.groups",
        string="Team Lead Group",
        help="Members of this group may record the team-lead check; the lead of the repair's "
        "service centre always may.",
    )
    aftersales_refusal_approval = fields.Boolean(
        string="Director Approval for Customers Who Refuse to Pay",
        default=True,
        help="A repair of a customer flagged as refusing to pay cannot be confirmed or started "
        "before the service director approved it, whatever its price (regulation 001 §三.4).",
    )
    aftersales_workbook_per_centre = fields.Boolean(
        string="Monthly Workbook Per Service Centre",
        default=True,
        help="The monthly workbook gets one sheet of repairs per service centre, as every "
        "branch sends its records (regulations 000 and 002 §4.1.6).",
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
        # a new company starts with the default service levels of the suite
        self.env["aftersales.sla.policy"]._aftersales_copy_defaults(companies)
        # (aftersales_sla/readme/CONFIGURE.md, "Default policies for every company") and the
        # default approval rules
        # (aftersales_approval/readme/CONFIGURE.md, "Default rules for every company")
        self.env["aftersales.approval.rule"]._aftersales_seed_default_rules(
            "aftersales_repair", companies
        )
        return companies
