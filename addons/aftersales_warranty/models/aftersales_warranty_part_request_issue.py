# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_date

from odoo.addons.aftersales_sla.tools import WorkTime


class AftersalesWarrantyPartRequestIssue(models.Model):
    """Issue of the requested parts: the outgoing transfer (or the emergency local
    purchase received first), its destination and deadline, the hand-over to the repair,
    heavy parts shipped by freight with the requester's consent, and the technician's
    signature for parts handed over."""

    # one class per concern of aftersales.warranty.part.request, one file each
    _inherit = "aftersales.warranty.part.request"  # pylint: disable=consider-merging-classes-inherited

    weight_total = fields.Float(
        string="Weight (kg)",
        compute="_compute_freight_required",
        store=True,
        digits="Stock Weight",
    )
    freight_required = fields.Boolean(
        string="Ships by Freight",
        compute="_compute_freight_required",
        store=True,
        help="The parts are shipped and weigh more than the company's freight threshold: they "
        "go by freight, with the requester's consent recorded before they are issued.",
    )
    freight_consent_date = fields.Datetime(
        string="Freight Consent On", readonly=True, copy=False, tracking=True
    )
    freight_consent_user_id = fields.Many2one(
        "res.users", string="Freight Consent By", readonly=True, copy=False
    )

    @api.depends(
        "line_ids.product_id.weight",
        "line_ids.quantity",
        "line_ids.product_uom_id",
        "delivery_mode",
        "company_id.aftersales_freight_weight",
    )
    def _compute_freight_required(self):
        for request in self:
            weight = sum(
                line.product_uom_id._compute_quantity(line.quantity, line.product_id.uom_id)
                * line.product_id.weight
                for line in request.line_ids
                if line.product_uom_id and line.product_id
            )
            threshold = request.company_id.aftersales_freight_weight
            request.weight_total = weight
            request.freight_required = bool(
                threshold
                and request.delivery_mode in ("ship_dealer", "ship_customer")
                and float_compare(weight, threshold, precision_digits=3) > 0
            )

    def _destination(self):
        self.ensure_one()
        if self.recipient_type == "dealer":
            partner = self.ship_partner_id or self.dealer_id
        else:
            partner = self.ship_partner_id or self.technician_id.partner_id
        location = partner.with_company(self.company_id).property_stock_customer
        return partner, location or self.env.ref("stock.stock_location_customers")

    def _scheduled_date(self):
        """Dealers: the shipping deadline, from the "Warranty Parts Shipping" service level
        (started at the final approval, met when the parts leave), else from the company
        setting in working days of the company calendar. Technicians: now."""
        self.ensure_one()
        now = fields.Datetime.now()
        if self.recipient_type != "dealer":
            return now
        Deadline = self.env["aftersales.sla.deadline"]
        deadline = Deadline._sla_start(self, "parts_shipping", start=now)
        if deadline:
            return deadline[:1].deadline_datetime
        days = self.company_id.aftersales_dealer_ship_days
        calendar = self.company_id.resource_calendar_id
        if not days:
            return now
        if not calendar:
            return now + timedelta(days=days)
        hours = days * (calendar.hours_per_day or 8.0)
        return WorkTime(calendar, now).add_hours(now, hours)

    def _create_issue_picking(self):
        self.ensure_one()
        if self.picking_ids.filtered(lambda p: p.state != "cancel"):
            raise UserError(_("The parts of %(name)s already have a transfer.", name=self.name))
        # sudo: the last approver may not read repairs; only their state is checked
        repair = self.sudo().repair_id
        if repair.state in ("done", "cancel"):
            raise UserError(
                _(
                    "Repair %(repair)s is %(state)s: no part can be issued for it any more. "
                    "Cancel request %(name)s.",
                    repair=repair.name,
                    state=dict(repair._fields["state"]._description_selection(self.env))[
                        repair.state
                    ],
                    name=self.name,
                )
            )
        if self.supply_method == "emergency_purchase":
            return self._create_emergency_receipt()
        source = self.company_id._aftersales_spare_location()
        if not source:
            raise UserError(
                _(
                    "Set the spare-parts location of %(company)s in the After-Sales settings.",
                    company=self.company_id.name,
                )
            )
        warehouse = source.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        partner, destination = self._destination()
        scheduled = self._scheduled_date()
        picking = (
            self.env["stock.picking"]
            .with_company(self.company_id)
            .create(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "partner_id": partner.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "origin": self.name,
                    "scheduled_date": scheduled,
                    "aftersales_part_request_id": self.id,
                    "company_id": self.company_id.id,
                    "move_ids": [
                        fields.Command.create(
                            {
                                "name": line.product_id.display_name,
                                "product_id": line.product_id.id,
                                "product_uom_qty": line.quantity,
                                "product_uom": line.product_uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": destination.id,
                                "aftersales_request_line_id": line.id,
                                "company_id": self.company_id.id,
                            }
                        )
                        for line in self.line_ids
                    ],
                }
            )
        )
        picking.action_confirm()
        self.scheduled_date = scheduled
        self.message_post(
            body=_(
                "Approved: transfer %(picking)s created to issue the parts.",
                picking=picking.name,
            )
        )
        return picking

    def _create_emergency_receipt(self):
        """Emergency local purchase: the parts come from the local supplier straight to the
        recipient (a receipt from the vendor location, valued at the price paid), so that the
        part's movement, its cost and the expected return of the defective part are traced
        like any issue."""
        self.ensure_one()
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        if not warehouse:
            raise UserError(
                _(
                    "%(company)s has no warehouse to receive the emergency purchase in: create "
                    "one in Inventory first.",
                    company=self.company_id.name,
                )
            )
        source = self.vendor_id.with_company(
            self.company_id
        ).property_stock_supplier or self.env.ref("stock.stock_location_suppliers")
        partner, destination = self._destination()
        picking = (
            self.env["stock.picking"]
            .with_company(self.company_id)
            .create(
                {
                    "picking_type_id": warehouse.in_type_id.id,
                    "partner_id": self.vendor_id.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "origin": self.name,
                    "scheduled_date": fields.Datetime.now(),
                    "aftersales_part_request_id": self.id,
                    "company_id": self.company_id.id,
                    "move_ids": [
                        fields.Command.create(
                            {
                                "name": self.env._(
                                    "Emergency purchase: %(part)s for %(partner)s",
                                    part=line.product_id.display_name,
                                    partner=partner.display_name,
                                ),
                                "product_id": line.product_id.id,
                                "product_uom_qty": line.quantity,
                                "product_uom": line.product_uom_id.id,
                                "price_unit": line.unit_cost,
                                "location_id": source.id,
                                "location_dest_id": destination.id,
                                "partner_id": partner.id,
                                "aftersales_request_line_id": line.id,
                                "company_id": self.company_id.id,
                            }
                        )
                        for line in self.line_ids
                    ],
                }
            )
        )
        picking.action_confirm()
        self.scheduled_date = picking.scheduled_date
        self.message_post(
            body=_(
                "Emergency purchase approved: receipt %(picking)s from %(vendor)s created.",
                picking=picking.name,
                vendor=self.vendor_id.display_name,
            )
        )
        return picking

    def _on_issue_done(self, moves):
        """The issue moves are done: record the issue and expect the defective parts back."""
        self.env["aftersales.part.return"]._create_from_issue_moves(moves)
        self._hand_over_repair_moves(moves)
        for request in self:
            open_moves = request.picking_ids.move_ids.filtered(
                lambda m: m.state not in ("done", "cancel")
            )
            if not open_moves and request.state == "approved":
                request._approval_write_state(
                    {"state": "issued", "date_issued": fields.Datetime.now()}
                )
                if request.supply_method == "emergency_purchase":
                    request._schedule_purchase_invoice()
        self.env["aftersales.sla.deadline"]._sla_meet(
            self.filtered(lambda r: r.state == "issued"), "parts_shipping"
        )

    def _hand_over_repair_moves(self, moves):
        """Parts issued for a repair line ARE the parts that repair consumes: the repair line
        now takes them from where the issue delivered them (the technician), so that one
        fitted part leaves the stock once, with the issue."""
        for move in moves:
            # sudo: the warehouse clerk validating the issue re-routes the repair line as a
            # consequence of the issue; they may not edit repairs (nor read their labour)
            repair_move = move.aftersales_request_line_id.repair_move_id.sudo()
            if not repair_move or repair_move.state in ("done", "cancel"):
                continue
            if repair_move.location_id == move.location_dest_id:
                continue
            repair_move._do_unreserve()
            repair_move.location_id = move.location_dest_id
            if repair_move.state in ("confirmed", "waiting", "partially_available"):
                # reserved again at its new source, or Odoo cancels it at the repair's end
                repair_move._action_assign()

    def _schedule_purchase_invoice(self):
        """(readme/CONFIGURE.md, "Emergency local purchases") An emergency purchase is reimbursed
        with the supplier's invoice within the company's delay (30 days): the requester gets an
        activity due that day."""
        self.ensure_one()
        days = self.company_id.aftersales_emergency_invoice_days
        due = fields.Date.context_today(self) + timedelta(days=days)
        self.invoice_due_date = due
        # the requester's task in the requester's language
        user_self = self.with_context(lang=self.requester_id.lang or self.env.lang)
        user_self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=due,
            user_id=self.requester_id.id,
            summary=user_self.env._("Hand in the purchase invoice"),
            note=user_self.env._(
                "Hand in the invoice of %(vendor)s for the emergency purchase %(name)s by "
                "%(date)s to be reimbursed.",
                vendor=self.vendor_id.display_name,
                name=self.name,
                date=format_date(self.env, due),
            ),
        )

    # ---- heavy parts by freight (readme/CONFIGURE.md, "Heavy parts by freight") ---------

    def action_record_freight_consent(self):
        """The requester agrees that the heavy parts go by freight (002 §4.2.2.3)."""
        self.ensure_one()
        if not self.freight_required:
            raise UserError(
                _(
                    "%(name)s does not ship by freight: no consent is needed.",
                    name=self.name,
                )
            )
        if self.env.user != self.requester_id:
            raise UserError(
                _(
                    "Only the requester, %(user)s, can consent to ship %(name)s by freight.",
                    user=self.requester_id.name,
                    name=self.name,
                )
            )
        if self.state in ("issued", "done", "cancel"):
            raise UserError(_("%(name)s is already closed.", name=self.name))
        # sudo: the consent fields are refused to plain writes; this is the requester's act
        self.sudo().write(
            {
                "freight_consent_date": fields.Datetime.now(),
                "freight_consent_user_id": self.env.uid,
            }
        )
        self.message_post(
            body=_(
                "%(user)s consents to ship the parts (%(weight)s kg) by freight.",
                user=self.env.user.name,
                weight=format(self.weight_total, "g"),
            )
        )

    def _check_freight_consent(self):
        """Heavy shipped parts leave only once the requester consented to freight."""
        for request in self.filtered(lambda r: r.freight_required and not r.freight_consent_date):
            raise UserError(
                _(
                    "The parts of %(name)s weigh %(weight)s kg, above %(limit)s kg: they ship "
                    "by freight, and %(user)s must first consent to it on the request "
                    '("Consent to Freight").',
                    name=request.name,
                    weight=format(request.weight_total, "g"),
                    limit=format(request.company_id.aftersales_freight_weight, "g"),
                    user=request.requester_id.name,
                )
            )

    # ---- parts signed for by the technician --------------------------------------------
    # (readme/CONFIGURE.md, "Technician signs for parts")

    def _needs_technician_signature(self):
        self.ensure_one()
        return (
            self.company_id.aftersales_issue_signature
            and self.recipient_type == "technician"
            and self.delivery_mode == "hand"
            and self.supply_method == "stock"
        )
