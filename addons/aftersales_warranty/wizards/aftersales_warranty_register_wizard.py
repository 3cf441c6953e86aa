# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models
from odoo.exceptions import UserError


class AftersalesWarrantyRegisterWizard(models.TransientModel):
    """Register the warranty of serials delivered before the module was installed."""

    _name = "aftersales.warranty.register.wizard"
    _description = "Register Past Deliveries"

    date_from = fields.Date(string="Delivered From")
    date_to = fields.Date(string="Delivered Until", default=fields.Date.context_today)
    product_ids = fields.Many2many(
        "product.product",
        string="Products",
        domain="[('tracking', '=', 'serial')]",
        help="Leave empty for every serial-tracked product.",
    )

    def _get_move_lines(self):
        self.ensure_one()
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UserError(_("The start date must be before the end date."))
        domain = [
            ("state", "=", "done"),
            ("lot_id", "!=", False),
            ("product_id.tracking", "=", "serial"),
            ("location_dest_id.usage", "=", "customer"),
            ("location_id.usage", "!=", "customer"),
            ("company_id", "in", self.env.companies.ids),
        ]
        if self.date_from:
            domain.append(("date", ">=", self.date_from))
        if self.date_to:
            domain.append(("date", "<", fields.Date.add(self.date_to, days=1)))
        if self.product_ids:
            domain.append(("product_id", "in", self.product_ids.ids))
        # most recent delivery of each serial first: it is the one that counts
        move_lines = self.env["stock.move.line"].search(domain, order="date desc, id desc")
        back_in_stock = move_lines.lot_id.quant_ids.filtered(
            lambda q: q.location_id.usage == "internal" and q.quantity > 0 and not q.owner_id
        ).lot_id
        return move_lines.filtered(lambda ml: ml.lot_id not in back_in_stock)

    def action_register(self):
        self.ensure_one()
        warranties = self.env["aftersales.warranty"]._register_move_lines(
            self._get_move_lines(), skip_existing=True
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_warranty.aftersales_warranty_action"
        )
        action["domain"] = [("id", "in", warranties.ids)]
        action["name"] = _("%(count)s serial(s) registered", count=len(warranties))
        return action
