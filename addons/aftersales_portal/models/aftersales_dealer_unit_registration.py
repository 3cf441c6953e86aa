# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

MECHANISM_FIELDS = {
    "state",
    "warranty_id",
    "customer_id",
    "dealer_id",
    "requested_by_id",
    "lot_id",
    "serial",
    "customer_name",
    "customer_phone",
    "customer_email",
    "delivery_date",
    "company_id",
}


class AftersalesDealerUnitRegistration(models.Model):
    """A dealer registers a unit it sold to its customer (serial, customer, delivery date).

    A serial the maker delivered to that dealer is registered at once: the dealer's own
    registration ends and the customer's starts on the delivery date, with the dealer as
    selling unit. Any other serial (unknown, delivered elsewhere) waits for the maker's
    review."""

    _name = "aftersales.dealer.unit.registration"
    _description = "Dealer Unit Registration"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    dealer_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    requested_by_id = fields.Many2one("res.users", string="Registered By", readonly=True)
    serial = fields.Char(string="Serial Number", required=True, readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Serial", readonly=True, check_company=True)
    customer_name = fields.Char(required=True, readonly=True)
    customer_phone = fields.Char(readonly=True)
    customer_email = fields.Char(readonly=True)
    customer_id = fields.Many2one("res.partner", readonly=True)
    delivery_date = fields.Date(required=True, readonly=True)
    state = fields.Selection(
        [
            ("to_review", "Waiting for the Maker's Review"),
            ("registered", "Registered"),
            ("refused", "Refused"),
        ],
        default="to_review",
        required=True,
        index=True,
        tracking=True,
        readonly=True,
    )
    warranty_id = fields.Many2one("aftersales.warranty", readonly=True)
    review_note = fields.Text(help="Why the maker refused the registration (shown to the dealer).")

    @api.depends("serial", "customer_name")
    def _compute_name(self):
        for registration in self:
            registration.name = " - ".join(
                filter(None, [registration.serial, registration.customer_name])
            )

    def write(self, vals):
        if not self.env.su and set(vals) & MECHANISM_FIELDS:
            raise AccessError(
                _("A registration is reviewed with the Approve and Refuse buttons only.")
            )
        return super().write(vals)

    # ------------------------------------------------------------------------------------
    # Actions (the maker's review)
    # ------------------------------------------------------------------------------------

    def action_approve(self):
        for registration in self:
            if registration.state != "to_review":
                raise UserError(_("%(name)s was already reviewed.", name=registration.name))
            if not registration.lot_id:
                raise UserError(
                    _(
                        "Serial %(serial)s is unknown: create the serial (Inventory > Lots/"
                        "Serial Numbers), then link it by registering the unit again.",
                        serial=registration.serial,
                    )
                )
        self._aftersales_register()

    def action_refuse(self):
        for registration in self:
            if registration.state != "to_review":
                raise UserError(_("%(name)s was already reviewed.", name=registration.name))
            if not registration.review_note:
                raise UserError(
                    _("Write in the review note why %(name)s is refused.", name=registration.name)
                )
        self.sudo().write({"state": "refused"})
        for registration in self:
            registration.message_post(body=registration.review_note)

    # ------------------------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------------------------

    @api.model
    def _aftersales_portal_register(
        self, user, serial, customer_name, delivery_date, phone=None, email=None
    ):
        """Called by the dealer portal for a dealer's staff member ``user``."""
        dealer = user.partner_id._aftersales_dealer()
        if not dealer:
            raise AccessError(_("Only the staff of a dealer can register the units it sold."))
        serial = (serial or "").strip()[:100]
        customer_name = (customer_name or "").strip()[:200]
        if not serial or not customer_name:
            raise UserError(_("Enter the serial number and the customer's name."))
        delivery_date = fields.Date.to_date(delivery_date) if delivery_date else None
        today = fields.Date.context_today(self)
        if not delivery_date or delivery_date > today:
            raise UserError(
                _("Enter the date the unit was delivered to the customer (not later than today).")
            )
        company = user.company_id
        lot = (
            self.env["stock.lot"]
            .sudo()
            .search([("name", "=", serial), ("company_id", "in", [company.id, False])], limit=1)
        )
        registration = self.sudo().create(
            {
                "company_id": company.id,
                "dealer_id": dealer.id,
                "requested_by_id": user.id,
                "serial": serial,
                "lot_id": lot.id,
                "customer_name": customer_name,
                "customer_phone": (phone or "").strip()[:64] or False,
                "customer_email": (email or "").strip()[:200] or False,
                "delivery_date": delivery_date,
            }
        )
        running = lot.warranty_id
        if running and running.commercial_partner_id == dealer:
            if delivery_date < (running.delivery_date or delivery_date):
                raise UserError(
                    _(
                        "The maker delivered %(serial)s to you on %(date)s: the customer's "
                        "delivery cannot be earlier.",
                        serial=serial,
                        date=running.delivery_date,
                    )
                )
            registration._aftersales_register()
        else:
            registration.message_post(
                body=_(
                    "Serial %(serial)s was not delivered by the maker to %(dealer)s: the "
                    "registration waits for review.",
                    serial=serial,
                    dealer=dealer.display_name,
                )
            )
        return registration

    def _aftersales_register(self):
        """End the running registration of each serial and start the customer's."""
        Warranty = self.env["aftersales.warranty"].sudo()
        Policy = self.env["aftersales.warranty.policy"].sudo()
        for registration in self:
            lot = registration.lot_id
            customer = registration.customer_id or self.env["res.partner"].sudo().create(
                {
                    "name": registration.customer_name,
                    "phone": registration.customer_phone,
                    "email": registration.customer_email,
                    "company_id": registration.company_id.id,
                }
            )
            running = lot.warranty_id.sudo()
            policy = running.policy_id or Policy._for_products(
                lot.product_id, registration.company_id
            ).get((lot.product_id.id, registration.company_id.id), Policy)
            if running:
                running.action_end()
            warranty = Warranty.create(
                {
                    "company_id": registration.company_id.id,
                    "lot_id": lot.id,
                    "product_id": lot.product_id.id,
                    "partner_id": customer.id,
                    "selling_partner_id": registration.dealer_id.id,
                    "delivery_date": registration.delivery_date,
                    "sale_date": registration.delivery_date,
                    "policy_id": policy.id if policy else False,
                    "clock_start": policy.clock_start if policy else "delivery",
                }
            )
            registration.sudo().write(
                {"state": "registered", "customer_id": customer.id, "warranty_id": warranty.id}
            )
