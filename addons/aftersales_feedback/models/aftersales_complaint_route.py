# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .aftersales_complaint import CATEGORIES


class AftersalesComplaintRoute(models.Model):
    _name = "aftersales.complaint.route"
    _description = "Complaint Routing by Subject"
    _order = "sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    category = fields.Selection(CATEGORIES, string="Subject Category", required=True)
    team_id = fields.Many2one("crm.team", string="Responsible Team", check_company=True)
    user_id = fields.Many2one("res.users", string="Responsible User")
    department = fields.Char(
        help="The department that answers this kind of complaint (R&D, warehouse, ...)."
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "category_company_uniq",
            "unique(category, company_id)",
            "A subject category is routed once per company.",
        ),
    ]
