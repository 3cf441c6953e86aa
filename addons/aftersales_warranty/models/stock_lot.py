# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    production_date = fields.Date(
        help="Date the unit was produced (for recalls of a production date range)."
    )
    production_batch = fields.Char(
        string="Production Lot",
        index="trigram",
        help="The maker's production lot or batch this serial belongs to.",
    )
    installation_date = fields.Date(
        string="Installation Acceptance",
        help="Date the customer accepted the installation; starts the warranty when the "
        "product's policy says so.",
    )
    warranty_ids = fields.One2many("aftersales.warranty", "lot_id", string="Warranties")
    warranty_id = fields.Many2one(
        "aftersales.warranty", string="Current Warranty", compute="_compute_warranty_id"
    )
    warranty_line_ids = fields.One2many(
        "aftersales.warranty.line", compute="_compute_warranty_id", string="Warranty Coverage"
    )
    warranty_count = fields.Integer(compute="_compute_warranty_id")

    @api.depends("warranty_ids.state")
    def _compute_warranty_id(self):
        for lot in self:
            running = lot.warranty_ids.filtered(lambda w: w.state in ("active", "suspended"))
            lot.warranty_id = running.sorted(lambda w: (w.state != "active", -w.id))[:1]
            lot.warranty_line_ids = lot.warranty_id.line_ids
            lot.warranty_count = len(lot.warranty_ids)

    def action_view_warranties(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_warranty.aftersales_warranty_action"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_lot_id": self.id, "default_product_id": self.product_id.id}
        if len(self.warranty_ids) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=self.warranty_ids.id)
        action["name"] = _("Warranty of %(serial)s", serial=self.name)
        return action
