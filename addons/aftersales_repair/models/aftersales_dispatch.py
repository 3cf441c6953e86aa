# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class AftersalesDispatch(models.Model):
    """A planned trip of technicians to the customer's site (on-site repair) or to collect or
    return a unit (factory return). Planning it meets the repair's visit-planned target,
    checking in its arrival target; checking out starts the trip-report target of the visit
    (3 working days) and the manager's cost and satisfaction review of the trip
    (5 working days): (readme/CONFIGURE.md, "Response times"). Its state changes only as its
    buttons change it, whatever path writes it (_aftersales_state_transitions), and what they
    record (check-in and check-out, report date, reviewer) is theirs (readme/CONFIGURE.md,
    "On-site trips")."""

    _name = "aftersales.dispatch"
    _description = "Technician Dispatch"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "aftersales.sla.mixin",
        "aftersales.state.guard.mixin",
    ]
    _order = "planned_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    repair_id = fields.Many2one(
        "repair.order", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="repair_id.partner_id", string="Customer")
    site_partner_id = fields.Many2one(related="repair_id.site_partner_id", string="Site")
    service_mode = fields.Selection(related="repair_id.service_mode")
    service_centre_id = fields.Many2one(related="repair_id.service_centre_id", store=True)
    technician_ids = fields.Many2many(
        "res.users",
        string="Technicians",
        required=True,
        default=lambda self: self.env.user,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("aftersales_repair.aftersales_group_technician").id)
        ],
    )
    planned_start = fields.Datetime(required=True, tracking=True)
    planned_end = fields.Datetime(required=True, tracking=True)
    planned_hours = fields.Float(compute="_compute_planned_hours", store=True, aggregator="sum")
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("on_site", "On Site"),
            ("returned", "Returned"),
            ("reported", "Reported"),
            ("reviewed", "Reviewed"),
            ("cancel", "Cancelled"),
        ],
        default="planned",
        required=True,
        tracking=True,
        copy=False,
    )
    # the fields the buttons record with the change of state (_aftersales_state_owned_fields)
    checkin_datetime = fields.Datetime(
        string="Checked In", tracking=True, copy=False, readonly=True
    )
    checkout_datetime = fields.Datetime(
        string="Checked Out", tracking=True, copy=False, readonly=True
    )
    has_conflict = fields.Boolean(
        string="Conflict",
        compute="_compute_has_conflict",
        help="A technician of this trip is planned on another trip at the same time.",
    )
    conflict_ids = fields.Many2many(
        "aftersales.dispatch", string="Conflicting Trips", compute="_compute_has_conflict"
    )
    trip_report = fields.Html(copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    expense_amount = fields.Monetary(string="Expenses", currency_field="currency_id", copy=False)
    report_date = fields.Datetime(string="Report Submitted", readonly=True, copy=False)
    review_note = fields.Text(
        string="Cost and Satisfaction Review",
        copy=False,
        help="The manager's review of the trip's cost (time, expenses) and of the customer's "
        "satisfaction.",
    )
    reviewed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    review_datetime = fields.Datetime(string="Reviewed On", readonly=True, copy=False)
    # remote guidance first: the failed attempt, or why not
    # (readme/CONFIGURE.md, "Remote guidance before on-site visits")
    remote_attempt_date = fields.Datetime(
        string="Remote Attempt On",
        tracking=True,
        help="When phone or remote guidance was tried before sending the technician.",
    )
    remote_attempt_user_id = fields.Many2one(
        "res.users", string="Remote Attempt By", tracking=True
    )
    remote_attempt_outcome = fields.Text(
        help="What was tried remotely and why it did not solve the problem.",
    )
    # parts for the trip: requested on the trip, returned with it
    # (readme/CONFIGURE.md, "Trip parts")
    part_picking_ids = fields.One2many(
        "stock.picking", "aftersales_dispatch_id", string="Parts Transfers", readonly=True
    )
    part_move_ids = fields.One2many(
        "stock.move", string="Parts Out and Back", compute="_compute_part_moves"
    )
    part_picking_count = fields.Integer(compute="_compute_part_moves")
    onsite_reason = fields.Text(
        string="Reason to Go On Site",
        help="Why the technician goes on site without a remote attempt first (for instance a "
        "safety risk, or a fault that cannot be diagnosed remotely).",
    )

    @api.depends("repair_id.name", "planned_start")
    def _compute_name(self):
        for dispatch in self:
            dispatch.name = _(
                "%(repair)s trip %(date)s",
                repair=dispatch.repair_id.name or "",
                date=fields.Date.to_string(dispatch.planned_start) or "",
            )

    @api.depends("planned_start", "planned_end")
    def _compute_planned_hours(self):
        for dispatch in self:
            if dispatch.planned_start and dispatch.planned_end:
                delta = dispatch.planned_end - dispatch.planned_start
                dispatch.planned_hours = max(delta.total_seconds() / 3600, 0.0)
            else:
                dispatch.planned_hours = 0.0

    @api.depends("planned_start", "planned_end", "technician_ids", "state")
    def _compute_has_conflict(self):
        planned = self.filtered(
            lambda d: d.planned_start and d.planned_end and d.state != "cancel"
        )
        others = self.browse()
        if planned:
            others = self.search(
                [
                    ("state", "!=", "cancel"),
                    ("planned_start", "<", max(planned.mapped("planned_end"))),
                    ("planned_end", ">", min(planned.mapped("planned_start"))),
                    ("technician_ids", "in", planned.technician_ids.ids),
                ]
            )
        for dispatch in self:
            conflicts = self.browse()
            if dispatch in planned:
                conflicts = others.filtered(
                    lambda o, d=dispatch: (
                        o.id != d._origin.id
                        and o.planned_start < d.planned_end
                        and o.planned_end > d.planned_start
                        and o.technician_ids & d.technician_ids
                    )
                )
            dispatch.conflict_ids = conflicts
            dispatch.has_conflict = bool(conflicts)

    @api.depends("part_picking_ids.move_ids")
    def _compute_part_moves(self):
        for dispatch in self:
            dispatch.part_move_ids = dispatch.part_picking_ids.move_ids
            dispatch.part_picking_count = len(dispatch.part_picking_ids)

    @api.constrains("expense_amount")
    def _check_expense_amount(self):
        if any(trip.expense_amount < 0 for trip in self):
            raise ValidationError(_("The expenses of a trip cannot be negative."))

    @api.constrains("planned_start", "planned_end")
    def _check_planned_dates(self):
        for dispatch in self:
            if dispatch.planned_end <= dispatch.planned_start:
                raise ValidationError(
                    _(
                        "The planned end of %(name)s must be after its planned start.",
                        name=dispatch.name,
                    )
                )

    @api.constrains("checkin_datetime", "checkout_datetime")
    def _check_checkout_after_checkin(self):
        for dispatch in self:
            if dispatch.checkout_datetime and not dispatch.checkin_datetime:
                raise ValidationError(
                    _("Check in on %(name)s before checking out.", name=dispatch.name)
                )
            if (
                dispatch.checkout_datetime
                and dispatch.checkout_datetime < dispatch.checkin_datetime
            ):
                raise ValidationError(
                    _(
                        "The check-out of %(name)s (%(checkout)s) is before its check-in "
                        "(%(checkin)s); correct the check-out time.",
                        name=dispatch.name,
                        checkout=dispatch.checkout_datetime,
                        checkin=dispatch.checkin_datetime,
                    )
                )

    @api.constrains(
        "repair_id",
        "planned_start",
        "remote_attempt_date",
        "remote_attempt_user_id",
        "remote_attempt_outcome",
        "onsite_reason",
    )
    def _check_remote_first(self):
        for dispatch in self:
            attempt = (
                dispatch.remote_attempt_date,
                dispatch.remote_attempt_user_id,
                (dispatch.remote_attempt_outcome or "").strip(),
            )
            if any(attempt) and not all(attempt):
                raise ValidationError(
                    _(
                        "Record the remote attempt of %(name)s completely: when it was made, "
                        "by whom and its outcome.",
                        name=dispatch.name,
                    )
                )
            if dispatch.remote_attempt_date and dispatch.remote_attempt_date > (
                dispatch.planned_start
            ):
                raise ValidationError(
                    _(
                        "The remote attempt of %(name)s must come before the planned start of "
                        "the trip.",
                        name=dispatch.name,
                    )
                )
            if (
                dispatch.company_id.aftersales_remote_first
                and dispatch.service_mode == "on_site"
                and not all(attempt)
                and not (dispatch.onsite_reason or "").strip()
            ):
                raise ValidationError(
                    _(
                        "Try phone or remote guidance before going on site: record on "
                        "%(name)s when the remote attempt was made, by whom and why it failed, "
                        "or give the reason to go on site at once.",
                        name=dispatch.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        dispatches = super().create(vals_list)
        # planning the trip (technicians and time agreed) meets the repair's visit-planned
        # target (same-day dispatch, never beyond 24 h:
        # readme/CONFIGURE.md, "Response times")
        self.env["aftersales.sla.deadline"]._sla_meet(dispatches.repair_id, "dispatch")
        return dispatches

    def action_request_parts(self):
        """Open a new transfer of parts from the centre's stock to the trip's location, in
        Odoo's transfer form: the technician lists the parts, the warehouse issues them."""
        self.ensure_one()
        picking_type, source, trip_location = self._aftersales_trip_parts_route()
        return {
            "type": "ir.actions.act_window",
            "name": _("Parts for %(name)s", name=self.name),
            "res_model": "stock.picking",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_aftersales_dispatch_id": self.id,
                "default_picking_type_id": picking_type.id,
                "default_location_id": source.id,
                "default_location_dest_id": trip_location.id,
                "default_partner_id": self.partner_id.id,
                "default_origin": self.name,
            },
        }

    def action_view_part_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("aftersales_dispatch_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def _aftersales_request_parts(self, lines):
        """Request parts for the trip: one confirmed transfer from the centre's stock to the
        trip's location; ``lines`` is a list of (product, quantity)."""
        self.ensure_one()
        picking_type, source, trip_location = self._aftersales_trip_parts_route()
        for product, qty in lines:
            if qty <= 0:
                raise ValidationError(
                    _(
                        "Request a positive quantity of %(product)s for %(name)s.",
                        product=product.display_name,
                        name=self.name,
                    )
                )
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "location_id": source.id,
                "location_dest_id": trip_location.id,
                "partner_id": self.partner_id.id,
                "origin": self.name,
                "aftersales_dispatch_id": self.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.display_name,
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": trip_location.id,
                        }
                    )
                    for product, qty in lines
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def _aftersales_trip_parts_route(self):
        """(internal picking type, source location, trip location) of the trip's parts."""
        self.ensure_one()
        company = self.company_id
        if not company.aftersales_trip_parts:
            raise UserError(
                _(
                    "Trip parts are not requested on trips in %(company)s (After-Sales settings).",
                    company=company.name,
                )
            )
        if self.state not in ("planned", "on_site"):
            raise UserError(
                _(
                    "Parts are requested for a planned trip or a trip on site, not %(name)s.",
                    name=self.name,
                )
            )
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        if not warehouse:
            raise UserError(
                _("Create a warehouse for %(company)s to issue trip parts.", company=company.name)
            )
        source = self.service_centre_id.location_id or warehouse.lot_stock_id
        trip_location = company.aftersales_trip_location_id
        if not trip_location:
            # sudo: the mechanism creates the company's trip location once (stock users
            # cannot create locations nor change the company)
            trip_location = (
                self.env["stock.location"]
                .sudo()
                .create(
                    {
                        "name": _("Trip Parts"),
                        "usage": "internal",
                        "location_id": warehouse.view_location_id.id,
                        "company_id": company.id,
                    }
                )
            )
            company.sudo().aftersales_trip_location_id = trip_location
        return warehouse.int_type_id, source, trip_location

    def _aftersales_return_trip_parts(self):
        """At check-out (or when the trip is cancelled) the parts taken on the trip and not
        fitted go back: a return transfer
        from the trip's location to where they came from, for what went out (done transfers)
        less what came back already and less what the repair uses from the trip's location.
        Requests not issued before the trip ends are cancelled: those parts never left."""
        for dispatch in self.filtered(lambda d: d.company_id.aftersales_trip_parts):
            trip_location = dispatch.company_id.aftersales_trip_location_id
            pickings = dispatch.part_picking_ids
            if not pickings or not trip_location:
                continue
            outgoing = pickings.filtered(lambda p, t=trip_location: p.location_dest_id == t)
            outgoing.filtered(lambda p: p.state not in ("done", "cancel")).action_cancel()
            balance = {}
            for move in outgoing.move_ids.filtered(lambda m: m.state == "done"):
                balance[move.product_id] = balance.get(move.product_id, 0.0) + move.quantity
            returning = pickings - outgoing
            for move in returning.move_ids.filtered(lambda m: m.state != "cancel"):
                balance[move.product_id] = balance.get(move.product_id, 0.0) - (
                    move.quantity if move.state == "done" else move.product_uom_qty
                )
            used = dispatch.repair_id.move_ids.filtered(
                lambda m, t=trip_location: (
                    m.repair_line_type == "add" and m.state != "cancel" and m.location_id == t
                )
            )
            for move in used:
                balance[move.product_id] = balance.get(move.product_id, 0.0) - (
                    move.product_uom_qty
                )
            back = [(product, qty) for product, qty in balance.items() if qty > 0]
            if not back:
                continue
            source = outgoing[:1].location_id
            picking = self.env["stock.picking"].create(
                {
                    "picking_type_id": outgoing[:1].picking_type_id.id,
                    "location_id": trip_location.id,
                    "location_dest_id": source.id,
                    "partner_id": dispatch.partner_id.id,
                    "origin": _("Return of %(name)s", name=dispatch.name),
                    "aftersales_dispatch_id": dispatch.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.display_name,
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "product_uom": product.uom_id.id,
                                "location_id": trip_location.id,
                                "location_dest_id": source.id,
                            }
                        )
                        for product, qty in back
                    ],
                }
            )
            picking.action_confirm()
            picking.action_assign()
            dispatch.message_post(
                body=_("Unused trip parts go back through %(picking)s.", picking=picking.name)
            )

    def _sla_values(self):
        result = super()._sla_values()
        repair_values = self.repair_id._sla_values()
        for dispatch in self:
            vals = dict(repair_values.get(dispatch.repair_id.id, {}))
            vals.update(
                user_id=dispatch.technician_ids[:1].id,
                waiting=False,
                partner_id=dispatch.partner_id.id,
            )
            result[dispatch.id].update(vals)
        return result

    def _sla_trigger_fields(self):
        return ()
