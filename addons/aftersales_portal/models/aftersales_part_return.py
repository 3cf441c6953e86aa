# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

SHIPMENT_FIELDS = ("dealer_shipped_date", "dealer_carrier", "dealer_tracking_ref")


class AftersalesPartReturn(models.Model):
    _inherit = "aftersales.part.return"

    dealer_shipped_date = fields.Datetime(
        string="Shipped by the Dealer", readonly=True, copy=False
    )
    dealer_carrier = fields.Char(string="Carrier", readonly=True, copy=False)
    dealer_tracking_ref = fields.Char(string="Tracking Reference", readonly=True, copy=False)

    def write(self, vals):
        if not self.env.su and any(f in vals for f in SHIPMENT_FIELDS):
            raise AccessError(_("The dealer's shipment is declared only on the dealer portal."))
        return super().write(vals)

    def _aftersales_portal_declare_shipment(self, carrier, tracking_ref):
        """The dealer declares the defective part sent back: the incoming transfer into the
        quarantine is prepared for the warehouse."""
        self.ensure_one()
        if self.state != "expected" or self.dealer_shipped_date:
            raise UserError(_("Return %(name)s is not waiting for a shipment.", name=self.name))
        carrier = (carrier or "").strip()[:128]
        tracking_ref = (tracking_ref or "").strip()[:128]
        if not carrier:
            raise UserError(_('Name the carrier (or "hand delivery") of the shipment.'))
        self_sudo = self.sudo()
        self_sudo.write(
            {
                "dealer_shipped_date": fields.Datetime.now(),
                "dealer_carrier": carrier,
                "dealer_tracking_ref": tracking_ref,
            }
        )
        if not self_sudo.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")):
            self_sudo._create_receipt()
        self_sudo.message_post(
            body=_(
                "Shipment declared by the dealer: %(carrier)s %(ref)s.",
                carrier=carrier,
                ref=tracking_ref,
            )
        )
        return True
