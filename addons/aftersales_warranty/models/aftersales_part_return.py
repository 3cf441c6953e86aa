# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_repair.models.vocabulary import DAMAGE_CAUSES, RETURN_CAUSES


class AftersalesPartReturn(models.Model):
    """The defective part an issued warranty part replaces, expected back (readme/CONFIGURE.md,
    "Defective part returns").

    Created when the issue transfer is done, due 30 days later for dealers and 3 days for
    technicians (company settings). Received by an incoming transfer into the warranty
    quarantine; Service and Quality then both sign their inspection. Accepted: the warranty
    cost is confirmed. Rejected, or not received in time (daily cron): the issued part becomes
    a parts sale to the dealer (sale order and invoice) or to the technician (sale order to
    their partner, a charge against them), and the requester gets an activity.
    """

    _name = "aftersales.part.return"
    _description = "Defective Part Return"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.overdue.mixin"]
    _overdue_date_fields = ("date_due",)
    _overdue_open_domain = [("state", "=", "expected")]
    _order = "date_due, id"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("expected", "Expected"),
            ("received", "Received, to inspect"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected, charged"),
            ("not_returned", "Not returned, charged"),
            ("cancel", "Cancelled"),
        ],
        default="expected",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    request_id = fields.Many2one(
        "aftersales.warranty.part.request",
        string="Part Request",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    request_line_id = fields.Many2one(
        "aftersales.warranty.part.request.line",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    issue_move_id = fields.Many2one("stock.move", index=True, readonly=True, check_company=True)
    requester_id = fields.Many2one(related="request_id.requester_id", store=True)
    repair_id = fields.Many2one(related="request_id.repair_id", store=True)
    lot_id = fields.Many2one(related="request_id.lot_id", store=True, string="Unit Serial")
    returner_type = fields.Selection(
        [("technician", "Technician"), ("dealer", "Dealer")], required=True, string="Returned By"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Returning Party",
        required=True,
        index=True,
        ondelete="restrict",
        help="The dealer, or the technician's partner, who returns the part (and pays for it "
        "when it is not returned or rejected).",
    )
    product_id = fields.Many2one(
        "product.product", string="Part", required=True, index=True, ondelete="restrict"
    )
    part_lot_id = fields.Many2one(
        "stock.lot",
        string="Part Serial",
        domain="[('product_id', '=', product_id)]",
        check_company=True,
    )
    quantity = fields.Float(
        string="Issued", required=True, digits="Product Unit of Measure", readonly=True
    )
    received_qty = fields.Float(
        string="Received", digits="Product Unit of Measure", readonly=True, copy=False
    )
    unit_cost = fields.Monetary(readonly=True)
    amount = fields.Monetary(compute="_compute_amount", store=True, string="Cost")
    date_issued = fields.Date(required=True, readonly=True)
    date_due = fields.Date(string="Due Date", required=True, index=True, tracking=True)
    days_left = fields.Integer(
        compute="_compute_days_left", help="Days until the due date; negative when overdue."
    )
    date_received = fields.Date(readonly=True, copy=False)
    source_location_id = fields.Many2one(
        "stock.location", string="Returned From", readonly=True, check_company=True
    )
    location_id = fields.Many2one(
        "stock.location", string="Quarantine", readonly=True, check_company=True, index=True
    )
    picking_ids = fields.One2many("stock.picking", "aftersales_part_return_id", string="Receipts")
    # Service inspection
    service_complete = fields.Boolean(string="Complete (Service)")
    service_original = fields.Boolean(string="Original Part (Service)")
    service_warranty_case = fields.Boolean(string="Warranty Case (Service)")
    service_user_damage = fields.Boolean(string="User Damage (Service)")
    service_note = fields.Text(string="Service Remarks")
    service_user_id = fields.Many2one(
        "res.users", string="Service Inspector", readonly=True, copy=False
    )
    service_date = fields.Datetime(string="Service Inspection Date", readonly=True, copy=False)
    # Quality inspection
    quality_complete = fields.Boolean(string="Complete (Quality)")
    quality_original = fields.Boolean(string="Original Part (Quality)")
    quality_warranty_case = fields.Boolean(string="Warranty Case (Quality)")
    quality_user_damage = fields.Boolean(string="User Damage (Quality)")
    quality_note = fields.Text(string="Quality Remarks")
    quality_user_id = fields.Many2one(
        "res.users", string="Quality Inspector", readonly=True, copy=False
    )
    quality_date = fields.Datetime(string="Quality Inspection Date", readonly=True, copy=False)
    failure_cause = fields.Selection(
        RETURN_CAUSES,
        tracking=True,
        help="Set by the inspection; 'Supplier' opens a claim to the part's vendor.",
    )
    inspection_pending = fields.Selection(
        [("both", "Service and Quality"), ("service", "Service"), ("quality", "Quality")],
        compute="_compute_inspection_pending",
        store=True,
    )
    outcome_reason = fields.Text(readonly=True, copy=False)
    warranty_cost = fields.Monetary(
        readonly=True,
        copy=False,
        help="The warranty cost confirmed by an accepted return (before supplier recoveries).",
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Parts Sale", readonly=True, copy=False, check_company=True
    )
    invoice_ids = fields.Many2many("account.move", string="Invoices", readonly=True, copy=False)
    claim_ids = fields.One2many("aftersales.supplier.claim", "return_id", string="Supplier Claims")
    recovered_amount = fields.Monetary(compute="_compute_recovered_amount", store=True)

    @api.depends("quantity", "unit_cost")
    def _compute_amount(self):
        for part_return in self:
            part_return.amount = part_return.quantity * part_return.unit_cost

    @api.depends("date_due", "state")
    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        for part_return in self:
            days = (part_return.date_due - today).days if part_return.date_due else 0
            part_return.days_left = days

    @api.depends("state", "service_user_id", "quality_user_id")
    def _compute_inspection_pending(self):
        for part_return in self:
            if part_return.state != "received":
                part_return.inspection_pending = False
            elif not part_return.service_user_id and not part_return.quality_user_id:
                part_return.inspection_pending = "both"
            elif not part_return.service_user_id:
                part_return.inspection_pending = "service"
            elif not part_return.quality_user_id:
                part_return.inspection_pending = "quality"
            else:
                part_return.inspection_pending = False

    @api.depends("claim_ids.recovered_amount")
    def _compute_recovered_amount(self):
        for part_return in self:
            part_return.recovered_amount = sum(part_return.claim_ids.mapped("recovered_amount"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                company = (
                    self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                )
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code(
                    "aftersales.part.return"
                ) or _("New")
        return super().create(vals_list)

    def write(self, vals):
        self._check_inspection_rights(vals)
        return super().write(vals)

    # ------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_inspected(self):
        if any(part_return.state not in ("expected", "cancel") for part_return in self):
            raise UserError(
                _("A received or inspected part return cannot be deleted; it is evidence.")
            )

    def action_receive(self):
        """Create the incoming transfer of the defective part into the quarantine."""
        self.ensure_one()
        if self.state != "expected":
            raise UserError(
                _(
                    "Return %(name)s is not expected any more (%(state)s).",
                    name=self.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                )
            )
        picking = self.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))[:1]
        if not picking:
            picking = self._create_receipt()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": picking.id,
            "view_mode": "form",
        }

    def action_view_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("id", "in", self.picking_ids._filtered_access("read").ids)]
        action["context"] = {"create": False}
        return action

    def action_sign_service_inspection(self):
        self._sign_inspection("service")

    def action_sign_quality_inspection(self):
        self._sign_inspection("quality")

    def action_create_claim(self):
        self.ensure_one()
        claim = self._create_supplier_claim()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.supplier.claim",
            "res_id": claim.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------------------------

    @api.model
    def _create_from_issue_moves(self, moves):
        """One expected return per done issue move (idempotent)."""
        existing = self.search([("issue_move_id", "in", moves.ids)]).issue_move_id
        vals_list = []
        for move in moves - existing:
            line = move.aftersales_request_line_id
            request = line.request_id
            company = request.company_id
            dealer = request.recipient_type == "dealer"
            days = (
                company.aftersales_return_days_dealer
                if dealer
                else company.aftersales_return_days_technician
            )
            issued = fields.Date.context_today(self, move.date)
            vals_list.append(
                {
                    "company_id": company.id,
                    "request_id": request.id,
                    "request_line_id": line.id,
                    "issue_move_id": move.id,
                    "returner_type": request.recipient_type,
                    "partner_id": (
                        request.dealer_id if dealer else request.technician_id.partner_id
                    ).id,
                    "product_id": move.product_id.id,
                    "quantity": move._aftersales_qty(),
                    "unit_cost": line.unit_cost,
                    "date_issued": issued,
                    "date_due": issued + timedelta(days=days),
                    "source_location_id": move.location_dest_id.id,
                }
            )
        return self.create(vals_list)

    def _create_receipt(self):
        self.ensure_one()
        quarantine = self.company_id._aftersales_quarantine_location()
        if not quarantine:
            raise UserError(
                _(
                    "%(company)s has no warehouse quarantine: set the warranty quarantine "
                    "location in the After-Sales settings.",
                    company=self.company_id.name,
                )
            )
        warehouse = quarantine.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        source = self.source_location_id or self.env.ref("stock.stock_location_customers")
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": warehouse.in_type_id.id,
                "partner_id": self.partner_id.id,
                "location_id": source.id,
                "location_dest_id": quarantine.id,
                "origin": self.name,
                "aftersales_part_return_id": self.id,
                "company_id": self.company_id.id,
                "move_ids": [
                    fields.Command.create(
                        {
                            "name": _("Defective %(part)s", part=self.product_id.display_name),
                            "product_id": self.product_id.id,
                            "product_uom_qty": self.quantity - self.received_qty,
                            "product_uom": self.product_id.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": quarantine.id,
                            "aftersales_part_return_id": self.id,
                            "company_id": self.company_id.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        return picking

    def _on_received(self, moves):
        for part_return in self:
            mine = moves.filtered(lambda m, r=part_return: m.aftersales_part_return_id == r)
            qty = sum(move._aftersales_qty() for move in mine)
            vals = {
                "received_qty": part_return.received_qty + qty,
                "location_id": mine[:1].location_dest_id.id,
                "date_received": fields.Date.context_today(part_return),
            }
            lots = mine.move_line_ids.lot_id
            if lots and not part_return.part_lot_id:
                vals["part_lot_id"] = lots[:1].id
            if part_return.state == "expected":
                vals["state"] = "received"
            part_return.write(vals)
            part_return.activity_unlink(["mail.mail_activity_data_todo"])

    def _check_inspection_rights(self, vals):
        """Warehouse staff and technicians may write a return (receipts), but only Service
        fills the Service inspection and only Quality the Quality inspection, and a signed
        inspection cannot change."""
        if self.env.su:
            return
        sides = {
            "service": "aftersales_repair.aftersales_group_manager",
            "quality": "aftersales_repair.aftersales_group_quality_inspector",
        }
        for side, group in sides.items():
            touched = [
                name
                for name in vals
                if name.startswith(f"{side}_") or (side == "quality" and name == "failure_cause")
            ]
            if not touched:
                continue
            if not self.env.user.has_group(group):
                raise UserError(
                    _(
                        "Only %(side)s staff can fill the %(side)s inspection.",
                        side=side == "service" and _("Service") or _("Quality"),
                    )
                )
            if any(part_return[f"{side}_user_id"] for part_return in self) and not set(
                touched
            ) <= {f"{side}_user_id", f"{side}_date"}:
                raise UserError(
                    _(
                        "The %(side)s inspection is signed: it cannot be changed.",
                        side=side == "service" and _("Service") or _("Quality"),
                    )
                )

    def _sign_inspection(self, side):
        """Service or Quality signs its inspection; with both, the return is decided."""
        group = {
            "service": "aftersales_repair.aftersales_group_manager",
            "quality": "aftersales_repair.aftersales_group_quality_inspector",
        }[side]
        label = {"service": _("Service"), "quality": _("Quality")}[side]
        if not self.env.user.has_group(group):
            raise UserError(
                _(
                    "Only %(side)s staff can sign the %(side)s inspection; ask them to sign it.",
                    side=label,
                )
            )
        for part_return in self:
            if part_return.state != "received":
                raise UserError(
                    _(
                        "Return %(name)s has not been received: receive the part into the "
                        "quarantine before inspecting it.",
                        name=part_return.name,
                    )
                )
            if part_return[f"{side}_user_id"]:
                raise UserError(
                    _(
                        "The %(side)s inspection of %(name)s is already signed by %(user)s.",
                        side=label,
                        name=part_return.name,
                        user=part_return[side + "_user_id"].name,
                    )
                )
            other = "quality" if side == "service" else "service"
            if part_return[f"{other}_user_id"] == self.env.user:
                raise UserError(
                    _(
                        "You already signed the other inspection of %(name)s: Service and "
                        "Quality must be signed by two different people.",
                        name=part_return.name,
                    )
                )
            part_return.write(
                {f"{side}_user_id": self.env.user.id, f"{side}_date": fields.Datetime.now()}
            )
            part_return.message_post(
                body=_(
                    "%(side)s inspection signed: complete %(complete)s, original %(original)s, "
                    "warranty case %(case)s, user damage %(damage)s.",
                    side=label,
                    complete=part_return[side + "_complete"] and _("yes") or _("no"),
                    original=part_return[side + "_original"] and _("yes") or _("no"),
                    case=part_return[side + "_warranty_case"] and _("yes") or _("no"),
                    damage=part_return[side + "_user_damage"] and _("yes") or _("no"),
                )
            )
            if part_return.service_user_id and part_return.quality_user_id:
                part_return._decide()

    def _rejection_reasons(self):
        self.ensure_one()
        reasons = []
        for side, label in (("service", _("Service")), ("quality", _("Quality"))):
            if not self[f"{side}_complete"]:
                reasons.append(_("%(side)s: the part is incomplete", side=label))
            if not self[f"{side}_original"]:
                reasons.append(_("%(side)s: not an original part", side=label))
            if not self[f"{side}_warranty_case"]:
                reasons.append(_("%(side)s: not a warranty case", side=label))
            if self[f"{side}_user_damage"]:
                reasons.append(_("%(side)s: damaged by the user", side=label))
        if self.failure_cause in DAMAGE_CAUSES:
            reasons.append(
                _(
                    "failure cause: %(cause)s",
                    cause=dict(RETURN_CAUSES)[self.failure_cause],
                )
            )
        return reasons

    def _decide(self):
        for part_return in self:
            reasons = part_return._rejection_reasons()
            if reasons:
                part_return._charge_as_parts_sale(
                    _(
                        "Returned part %(part)s rejected at inspection: %(reasons)s.",
                        part=part_return.product_id.display_name,
                        reasons="; ".join(reasons),
                    ),
                    "rejected",
                )
                continue
            part_return.write(
                {
                    "state": "accepted",
                    "warranty_cost": part_return.amount,
                    "outcome_reason": _("Accepted by Service and Quality."),
                }
            )
            part_return.message_post(
                body=_(
                    "Return accepted: warranty cost of %(amount)s confirmed.",
                    amount=part_return.amount,
                )
            )
            if part_return.failure_cause == "supplier":
                if part_return.product_id.seller_ids:
                    part_return._create_supplier_claim()
                else:
                    part_return.message_post(
                        body=_(
                            "The failure is the supplier's but %(part)s has no vendor: add its "
                            "vendor, then create the supplier claim.",
                            part=part_return.product_id.display_name,
                        )
                    )
        self.request_id._check_closed()

    def _create_supplier_claim(self):
        self.ensure_one()
        if self.failure_cause != "supplier":
            raise UserError(
                _(
                    "Return %(name)s was not found to be the supplier's fault: set the failure "
                    "cause to Supplier at inspection before claiming.",
                    name=self.name,
                )
            )
        if self.state not in ("accepted", "rejected"):
            raise UserError(
                _("Inspect return %(name)s (Service and Quality) first.", name=self.name)
            )
        seller = self.product_id.seller_ids.filtered(
            lambda s: not s.company_id or s.company_id == self.company_id
        )[:1]
        if not seller:
            raise UserError(
                _(
                    "%(part)s has no vendor: add its vendor in the product's vendor list, then "
                    "create the claim again.",
                    part=self.product_id.display_name,
                )
            )
        return self.env["aftersales.supplier.claim"].create(
            {
                "company_id": self.company_id.id,
                "return_id": self.id,
                "partner_id": seller.partner_id.id,
                "product_id": self.product_id.id,
                "part_lot_id": self.part_lot_id.id,
                "quantity": self.received_qty or self.quantity,
                "unit_cost": self.unit_cost,
            }
        )
