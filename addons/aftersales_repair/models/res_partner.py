# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.geo import check_coordinates

# the flag of a customer who refuses to pay (readme/CONFIGURE.md, "Customers who refuse to pay")
REFUSAL_FIELDS = (
    "aftersales_refuses_to_pay",
    "aftersales_refuses_to_pay_reason",
    "aftersales_refuses_to_pay_date",
)
REFUSAL_GROUPS = ("account.group_account_invoice", "aftersales_repair.aftersales_group_manager")


class ResPartner(models.Model):
    _inherit = "res.partner"

    aftersales_refuses_to_pay = fields.Boolean(
        string="Refuses to Pay",
        tracking=True,
        copy=False,
        help="The customer refuses to pay for after-sales service: their repairs are served only "
        "with the service director's approval (regulation 001 §三.4). Set by an accountant or "
        "an After-Sales Manager on the company; its contacts follow.",
    )
    aftersales_refuses_to_pay_reason = fields.Text(
        string="Refusal to Pay Reason",
        tracking=True,
        copy=False,
        help="Why the customer is flagged (unpaid invoices, refused charges...).",
    )
    aftersales_refuses_to_pay_date = fields.Date(
        string="Refuses to Pay Since",
        tracking=True,
        copy=False,
        help="When the customer refused to pay; today when the flag is set without a date.",
    )

    @api.model
    def _commercial_fields(self):
        # a company's refusal to pay holds for all its contacts
        return super()._commercial_fields() + list(REFUSAL_FIELDS)

    @api.constrains(*REFUSAL_FIELDS)
    def _check_aftersales_refuses_to_pay(self):
        today = fields.Date.context_today(self)
        for partner in self.filtered("aftersales_refuses_to_pay"):
            if not (partner.aftersales_refuses_to_pay_reason or "").strip():
                raise ValidationError(
                    _(
                        "Give the reason why %(name)s refuses to pay.",
                        name=partner.display_name,
                    )
                )
            if partner.aftersales_refuses_to_pay_date and (
                partner.aftersales_refuses_to_pay_date > today
            ):
                raise ValidationError(
                    _(
                        "The date %(name)s refused to pay cannot be in the future.",
                        name=partner.display_name,
                    )
                )

    @api.constrains("partner_latitude", "partner_longitude")
    def _check_aftersales_coordinates(self):
        """The site distance of a repair is computed from the customer's coordinates: refuse
        coordinates that are not on Earth instead of silently ignoring them."""
        for partner in self:
            if not check_coordinates(
                partner.partner_latitude or 0.0, partner.partner_longitude or 0.0
            ):
                raise ValidationError(
                    _(
                        "The coordinates of %(name)s are out of range: the latitude must be "
                        "between -90 and 90 and the longitude between -180 and 180 degrees.",
                        name=partner.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._aftersales_check_refusal_rights(vals)
            if vals.get("aftersales_refuses_to_pay") and not vals.get(
                "aftersales_refuses_to_pay_date"
            ):
                vals["aftersales_refuses_to_pay_date"] = fields.Date.context_today(self)
        return super().create(vals_list)

    def write(self, vals):
        self._aftersales_check_refusal_rights(vals)
        if vals.get("aftersales_refuses_to_pay") and "aftersales_refuses_to_pay_date" not in vals:
            vals = dict(vals, aftersales_refuses_to_pay_date=fields.Date.context_today(self))
        res = super().write(vals)
        if {"partner_latitude", "partner_longitude"} & set(vals):
            self._aftersales_refresh_repair_deadlines()
        return res

    def action_aftersales_payment_refusal(self):
        """Open the flag of a customer who refuses to pay (accountants, managers)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Customer Who Refuses to Pay"),
            "res_model": "aftersales.payment.refusal.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }

    def _aftersales_set_payment_refusal(self, refuses, reason=None, date=None):
        """Flag the customers' companies as refusing to pay (with the reason and since when),
        or clear the flag: the accountant's or the After-Sales Manager's act, which an
        accountant may do without the right to edit contacts."""
        if not self._aftersales_may_flag_refusal():
            self._aftersales_raise_refusal_rights()
        self.check_access("read")
        vals = {
            "aftersales_refuses_to_pay": bool(refuses),
            "aftersales_refuses_to_pay_reason": (reason or False) if refuses else False,
            "aftersales_refuses_to_pay_date": (
                (date or fields.Date.context_today(self)) if refuses else False
            ),
        }
        # sudo: the flag is the accountant's act on a customer they may read, while accounting
        # users may not edit contacts; the tracked change stays authored by them
        commercial = self.commercial_partner_id.sudo()
        commercial._track_set_author(self.env.user.partner_id)
        commercial.write(vals)
        return True

    def _aftersales_check_refusal_rights(self, vals):
        """Only an accountant or an After-Sales Manager flags a customer who refuses to pay, or
        clears the flag, over RPC too (readme/CONFIGURE.md, "Customers who refuse to pay").
        Others may only write the value the customer already has: a contact taking its
        company's values (Odoo's sync of commercial fields) changes nothing."""
        fnames = set(REFUSAL_FIELDS) & set(vals)
        if not fnames or self._aftersales_may_flag_refusal():
            return
        if self:
            references = [partner.commercial_partner_id for partner in self]
        else:
            # a new partner: its company's values, or none
            references = [self.browse(vals.get("parent_id") or []).commercial_partner_id]
        for fname in fnames:
            field = self._fields[fname]
            new = field.convert_to_cache(vals[fname], self) or False
            for reference in references:
                current = field.convert_to_cache(reference[fname], self) if reference else False
                if new != (current or False):
                    self._aftersales_raise_refusal_rights()

    def _aftersales_may_flag_refusal(self):
        return self.env.su or any(self.env.user.has_group(g) for g in REFUSAL_GROUPS)

    def _aftersales_raise_refusal_rights(self):
        raise AccessError(
            _(
                "Only an accountant or an After-Sales Manager may flag a customer who refuses "
                "to pay, change the flag or clear it."
            )
        )

    def _aftersales_refresh_repair_deadlines(self):
        """The customer's site moved: its open repairs get their site distance recomputed and
        their service deadlines re-planned (arrival band) as for any address change."""
        # sudo: the deadlines follow from the address whoever edits it; only the open repairs
        # of these partners are re-planned.
        repairs = (
            self.env["repair.order"]
            .sudo()
            .search(
                [
                    ("state", "not in", ("done", "cancel")),
                    "|",
                    ("site_partner_id", "in", self.ids),
                    ("partner_id", "in", self.ids),
                ]
            )
        )
        if repairs:
            self.env["aftersales.sla.deadline"]._sla_refresh(repairs)
