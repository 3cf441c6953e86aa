# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_approval_bypass_group_id = fields.Many2one(
        "res.groups",
        string="Approval Bypass Group",
        help="Members of this group may approve any after-sales approval request of the company "
        "at once; each such approval is recorded as a bypass.",
    )
