# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..tools import check_text_not_blank


class AftersalesRepairIntakeItem(models.Model):
    _name = "aftersales.repair.intake.item"
    _description = "Item Received with a Repair"
    _order = "repair_id, sequence, id"

    sequence = fields.Integer(default=10)
    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        related="repair_id.company_id", store=True, index=True, string="Company"
    )
    name = fields.Char(
        string="Item", required=True, help="Accessory or document received with the unit."
    )
    received = fields.Boolean(default=True)
    condition = fields.Selection(
        [("good", "Good"), ("worn", "Worn"), ("damaged", "Damaged"), ("missing", "Missing")],
        default="good",
    )
    note = fields.Char(string="Notes")

    @api.constrains("name")
    def _check_text_not_blank(self):
        check_text_not_blank(self, ["name"])
