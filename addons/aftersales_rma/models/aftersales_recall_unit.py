# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq, plaintext2html

from .aftersales_recall_campaign import UNIT_STATUSES

# set by the recall's own steps (notice, booking, repair), never typed in
MECHANISM_FIELDS = ("status", "repair_id", "date_notified", "date_booked", "access_token")


class AftersalesRecallUnit(models.Model):
    """One recalled unit: its owner, its status and its repair."""

    _name = "aftersales.recall.unit"
    _description = "Recalled Unit"
    _inherit = ["mail.thread"]
    _order = "campaign_id desc, id"
    _rec_name = "lot_id"
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "aftersales.recall.campaign", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    product_id = fields.Many2one(related="campaign_id.product_id", store=True)
    lot_id = fields.Many2one(
        "stock.lot", string="Serial Number", required=True, index=True, ondelete="restrict"
    )
    warranty_id = fields.Many2one(
        "aftersales.warranty", string="Unit Warranty", index=True, ondelete="restrict"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Owner", required=True, index=True, ondelete="restrict"
    )
    status = fields.Selection(
        UNIT_STATUSES, default="pending", required=True, index=True, tracking=True
    )
    date_notified = fields.Datetime(string="Notified On", readonly=True)
    date_booked = fields.Datetime(string="Booked On", readonly=True)
    repair_id = fields.Many2one("repair.order", readonly=True, copy=False)
    repair_state = fields.Selection(related="repair_id.state", string="Repair Status")
    note = fields.Char()
    access_token = fields.Char(
        required=True,
        copy=False,
        groups="aftersales_repair.aftersales_group_user",
        default=lambda self: secrets.token_urlsafe(32),
    )

    _sql_constraints = [
        (
            "campaign_lot_uniq",
            "UNIQUE(campaign_id, lot_id)",
            "A serial appears once in a recall.",
        ),
    ]

    @api.depends("lot_id", "partner_id")
    def _compute_display_name(self):
        for unit in self:
            unit.display_name = " - ".join(
                filter(None, [unit.lot_id.name, unit.partner_id.display_name])
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_mechanism_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_mechanism_fields(vals)
        return super().write(vals)

    @api.model
    def _check_mechanism_fields(self, vals):
        owned = set(vals) & set(MECHANISM_FIELDS)
        if owned:
            raise UserError(
                _(
                    "%(fields)s of a recalled unit are set by the recall itself: use the "
                    "buttons (notify, booked, unreachable, refused, create repairs).",
                    fields=", ".join(sorted(owned)),
                )
            )

    # ------------------------------------------------------------------------------------
    # Public link
    # ------------------------------------------------------------------------------------
    def get_public_url(self):
        self.ensure_one()
        # the token is read for the owner's own link only
        token = self.sudo().access_token
        return f"{self.get_base_url()}/aftersales/recall/{self.id}/{token}"

    def _check_token(self, token):
        """Constant-time comparison; a link of a campaign no longer running is not valid."""
        self.ensure_one()
        return bool(
            token
            and consteq(self.sudo().access_token, token)
            and self.campaign_id.state == "running"
        )

    def _book_from_link(self):
        """The owner books the recall repair from the notice."""
        self.ensure_one()
        if self.status in ("pending", "notified", "unreachable", "refused"):
            self._aftersales_set_status("booked")
            self.message_post(
                body=_("The owner booked the recall repair from the notice."),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------
    def action_mark_booked(self):
        self._aftersales_set_status("booked")

    def action_mark_unreachable(self):
        self._aftersales_set_status("unreachable")

    def action_mark_refused(self):
        self._aftersales_set_status("refused")

    def action_notify(self):
        self._notify()

    # ------------------------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------------------------
    def _aftersales_set_status(self, status):
        if status != "repaired" and self.filtered(lambda u: u.status == "repaired"):
            raise UserError(_("A repaired unit is closed: its status cannot change."))
        vals = {"status": status}
        if status == "booked":
            vals["date_booked"] = fields.Datetime.now()
        self.check_access("write")
        # sudo: the status belongs to the recall's steps (see MECHANISM_FIELDS)
        self.sudo().write(vals)

    def _notify(self):
        """The recall notice, rendered in each owner's language, with the owner's link."""
        if not self:
            return
        if self.filtered(lambda u: u.campaign_id.state != "running"):
            raise UserError(_("Only the units of a running recall are notified."))
        self.check_access("write")
        template = self.env.ref("aftersales_rma.mail_template_recall_notice")
        template.send_mail_batch(self.ids)
        # sudo: the status belongs to the recall's steps (see MECHANISM_FIELDS)
        self.sudo().write({"status": "notified", "date_notified": fields.Datetime.now()})

    def _create_repairs(self):
        self.check_access("write")
        repairs = self.env["repair.order"].create(
            [
                {
                    "company_id": unit.company_id.id,
                    "partner_id": unit.partner_id.id,
                    "product_id": unit.product_id.id,
                    "lot_id": unit.lot_id.id,
                    "under_warranty": True,
                    "aftersales_recall_unit_id": unit.id,
                    "internal_notes": plaintext2html(
                        "\n".join(filter(None, [unit.campaign_id.reason, unit.campaign_id.remedy]))
                    ),
                }
                for unit in self
            ]
        )
        for unit, repair in zip(self, repairs, strict=True):
            # sudo: the link belongs to the recall's steps (see MECHANISM_FIELDS)
            unit.sudo().repair_id = repair
        return repairs
