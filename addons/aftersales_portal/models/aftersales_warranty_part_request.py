# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

SIGNATURE_FIELDS = ("dealer_signed_by_id", "dealer_signed_date", "dealer_signer_name")
MAX_QTY = 1000


class AftersalesWarrantyPartRequest(models.Model):
    _inherit = "aftersales.warranty.part.request"

    dealer_portal = fields.Boolean(
        string="Requested on the Dealer Portal",
        readonly=True,
        copy=False,
        help="Created by the dealer's staff on the portal: it is submitted for approval only "
        "once the dealer's office head has signed it.",
    )
    dealer_signed_by_id = fields.Many2one(
        "res.users", string="Signed by (Office Head)", readonly=True, copy=False
    )
    dealer_signer_name = fields.Char(string="Signed As", readonly=True, copy=False)
    dealer_signed_date = fields.Datetime(string="Signed On", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("dealer_portal") or any(vals.get(f) for f in SIGNATURE_FIELDS):
                    raise AccessError(
                        _("The dealer's signature is recorded only by signing on the portal.")
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and (
            "dealer_portal" in vals or any(f in vals for f in SIGNATURE_FIELDS)
        ):
            raise AccessError(
                _("The dealer's signature is recorded only by signing on the portal.")
            )
        return super().write(vals)

    def action_submit(self):
        unsigned = self.filtered(lambda r: r.dealer_portal and not r.dealer_signed_date)
        if unsigned:
            raise UserError(
                _(
                    "%(names)s must first be signed by the dealer's office head on the portal.",
                    names=", ".join(unsigned.mapped("name")),
                )
            )
        return super().action_submit()

    # ------------------------------------------------------------------------------------
    # Dealer portal
    # ------------------------------------------------------------------------------------

    @api.model
    def _aftersales_portal_create(
        self, user, warranty, parts, repair=None, note=None, urgency="normal"
    ):
        """A draft request of a dealer's staff member ``user`` for the unit of ``warranty``.

        ``parts``: list of (product, quantity). The caller checked that the dealer sold the
        unit (or logged the repair); the parts must be warranty parts of the unit's product.
        Runs as superuser on behalf of ``user``, recorded as the requester."""
        dealer = user.partner_id._aftersales_dealer()
        if not dealer:
            raise AccessError(_("Only the staff of a dealer can request warranty parts."))
        allowed = warranty._aftersales_portal_part_products()
        lines = []
        for product, qty in parts:
            if product not in allowed:
                raise UserError(
                    _(
                        "%(part)s is not a warranty part of %(unit)s: choose one of its parts.",
                        part=product.display_name,
                        unit=warranty.product_id.display_name,
                    )
                )
            if not 0 < qty <= MAX_QTY:
                raise UserError(
                    _(
                        "Enter a quantity between 1 and %(max)s for %(part)s.",
                        max=MAX_QTY,
                        part=product.display_name,
                    )
                )
            lines.append(Command.create({"product_id": product.id, "quantity": qty}))
        if not lines:
            raise UserError(_("Choose at least one part and its quantity."))
        if urgency not in dict(self._fields["urgency"].selection):
            urgency = "normal"
        request = self.sudo().create(
            {
                "company_id": warranty.company_id.id,
                "requester_id": user.id,
                "recipient_type": "dealer",
                "dealer_id": dealer.id,
                "technician_id": False,
                "delivery_mode": "ship_dealer",
                "lot_id": warranty.lot_id.id,
                "customer_id": warranty.partner_id.id,
                "repair_id": repair.id if repair else False,
                "urgency": urgency,
                "note": note and _("Dealer's note: %(note)s", note=note[:2000]) or False,
                "dealer_portal": True,
                "line_ids": lines,
            }
        )
        return request

    def _aftersales_portal_sign(self, user, signer_name):
        """The dealer's office head signs the request on the portal; it then goes through
        the maker's approval thresholds (action_submit)."""
        self.ensure_one()
        partner = user.partner_id
        if not (
            partner.aftersales_dealer_office_head
            and partner.commercial_partner_id == self.dealer_id.commercial_partner_id
        ):
            raise AccessError(_("Only the dealer's office head can sign its part requests."))
        if self.state != "draft" or self.dealer_signed_date:
            raise UserError(_("Request %(name)s is not waiting for a signature.", name=self.name))
        signer_name = (signer_name or "").strip()[:128]
        if not signer_name:
            raise UserError(_("Type your name to sign the request."))
        self.sudo().write(
            {
                "dealer_signed_by_id": user.id,
                "dealer_signer_name": signer_name,
                "dealer_signed_date": fields.Datetime.now(),
            }
        )
        self.sudo().message_post(
            body=_("Signed on the dealer portal by %(name)s (office head).", name=signer_name),
            author_id=partner.id,
        )
        self.sudo().action_submit()
        return True

    def _aftersales_portal_status(self):
        """The status a dealer reads."""
        self.ensure_one()
        if self.state == "draft" and self.dealer_portal and not self.dealer_signed_date:
            return _("Waiting for the office head's signature")
        return dict(self._fields["state"]._description_selection(self.env))[self.state]
