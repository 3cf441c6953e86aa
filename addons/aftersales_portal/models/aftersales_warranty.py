# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo import _, models


class AftersalesWarranty(models.Model):
    _name = "aftersales.warranty"
    _inherit = ["aftersales.warranty", "portal.mixin"]

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for warranty in self:
            warranty.access_url = f"/my/units/{warranty.id}"
        return res

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Warranty card %(serial)s", serial=self.lot_id.name)

    def _aftersales_qr_png(self, size=150):
        """The QR code of the unit's public page, as a data URI (printed offline)."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode(
            "QR", self.lot_id._aftersales_unit_url(), width=size, height=size
        )
        return "data:image/png;base64,%s" % base64.b64encode(png).decode()

    def _aftersales_portal_lines(self):
        """Coverage lines as shown to customers and dealers: the whole unit first."""
        self.ensure_one()
        return self.line_ids.sorted(lambda line: (not line.is_unit, line.sequence, line.id))

    def _aftersales_portal_part_products(self):
        """Parts a dealer may request for this unit: the warranty parts of its product and
        the parts its policy names."""
        self.ensure_one()
        templates = self.product_id.product_tmpl_id.warranty_part_ids
        return (
            templates.product_variant_ids
            | self.policy_id.line_ids.part_product_id
            | self.line_ids.part_product_id
        )
