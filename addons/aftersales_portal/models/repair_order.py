# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype

MAX_DESCRIPTION = 5000
MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic")


class RepairOrder(models.Model):
    _inherit = "repair.order"

    aftersales_dealer_id = fields.Many2one(
        "res.partner",
        string="Logged by Dealer",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The dealer that logged this repair on the dealer portal for its customer.",
    )

    @api.model
    def _aftersales_portal_readable_fields(self):
        # the dealer's repairs page lists the repairs the dealer logged
        return super()._aftersales_portal_readable_fields() | {"aftersales_dealer_id"}

    @api.model
    def _aftersales_portal_report_fault(
        self,
        warranty,
        description,
        preferred=None,
        photos=(),
        origin="portal",
        dealer=None,
        contact=None,
    ):
        """Create the draft repair of a fault reported on the portal or the unit's public page.

        ``warranty``: the unit's registration the caller has checked access to;
        ``photos``: (filename, mimetype, bytes) tuples, attached to the repair;
        ``dealer``: the dealer company logging it for its customer;
        ``contact``: a line naming whoever reported it (public page)."""
        warranty.ensure_one()
        description = (description or "").strip()
        if not description:
            raise UserError(_("Describe the fault: what happens, since when, and how often."))
        if len(description) > MAX_DESCRIPTION:
            raise UserError(
                _(
                    "The description is too long: keep it under %(max)s characters.",
                    max=MAX_DESCRIPTION,
                )
            )
        photos = list(photos)
        if len(photos) > MAX_PHOTOS:
            raise UserError(_("Attach at most %(max)s photos.", max=MAX_PHOTOS))
        checked = []
        for name, declared, data in photos:
            # the content decides, not the type the browser declares
            mimetype = guess_mimetype(data, default="application/octet-stream")
            if mimetype == "application/octet-stream" and declared == "image/heic":
                mimetype = declared
            checked.append((name, mimetype, data))
            if mimetype not in PHOTO_TYPES:
                raise UserError(
                    _(
                        "%(file)s is not a photo: attach JPEG, PNG, GIF, WebP or HEIC images.",
                        file=name,
                    )
                )
            if len(data) > MAX_PHOTO_BYTES:
                raise UserError(
                    _("%(file)s is larger than 10 MB: send a smaller photo.", file=name)
                )
        photos = checked
        if preferred:
            preferred = fields.Datetime.to_datetime(preferred)
            if preferred < fields.Datetime.now():
                raise UserError(_("The preferred time is in the past: choose a time to come."))
        if contact:
            description = f"{description}\n\n{contact}"
        repair = self.create(
            {
                "company_id": warranty.company_id.id,
                "partner_id": warranty.partner_id.id,
                "product_id": warranty.product_id.id,
                "lot_id": warranty.lot_id.id,
                "intake_channel": "dealer" if dealer else "portal",
                "fault_description": description,
                "requested_date": preferred or False,
                "aftersales_dealer_id": dealer.id if dealer else False,
            }
        )
        if photos:
            self.env["ir.attachment"].create(
                [
                    {
                        "name": name,
                        "datas": base64.b64encode(data),
                        "mimetype": mimetype,
                        "res_model": "repair.order",
                        "res_id": repair.id,
                    }
                    for name, mimetype, data in photos
                ]
            )
        repair.message_post(
            body=_(
                "Fault reported on the %(where)s.",
                where=_("dealer portal")
                if dealer
                else (_("unit page (QR code)") if origin == "qr" else _("customer portal")),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return repair
