# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


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
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.sla.mixin"]
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
    can_cancel = fields.Boolean(
        compute="_compute_can_cancel",
        help="The trip can be cancelled: it is planned or on site (the Cancel button). A trip "
        "back from site took place: it is reported and reviewed, not cancelled.",
    )
    # the fields the buttons record with the change of state (_aftersales_owned_fields)
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

    @api.depends("state")
    def _compute_can_cancel(self):
        for dispatch in self:
            dispatch.can_cancel = dispatch.state in ("planned", "on_site")

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
        if not self.env.su:
            # a trip is created planned; what its buttons record is theirs
            for vals in vals_list:
                self.browse()._aftersales_check_owned_fields(vals)
            if any(vals.get("state", "planned") not in ("planned", False) for vals in vals_list):
                raise UserError(
                    _(
                        "A trip is created as planned; then use its buttons. %(hint)s",
                        hint=self._aftersales_state_hint("on_site"),
                    )
                )
        dispatches = super().create(vals_list)
        # planning the trip (technicians and time agreed) meets the repair's visit-planned
        # target (same-day dispatch, never beyond 24 h:
        # readme/CONFIGURE.md, "Response times")
        self.env["aftersales.sla.deadline"]._sla_meet(dispatches.repair_id, "dispatch")
        return dispatches

    def write(self, vals):
        if not self.env.su:
            self._aftersales_check_owned_fields(vals)
        if "state" not in vals:
            return super().write(vals)
        state = vals["state"]
        entering = self._aftersales_check_state_change(state)
        stamp = self._aftersales_state_stamp(state) if entering else {}
        if stamp:
            # what the change records (when, by whom) is written with it, on the trips making
            # the change only; values the superuser gives (a data fix) are kept
            res = super(AftersalesDispatch, entering).write(dict(stamp, **vals))
            others = self - entering
            if others:
                super(AftersalesDispatch, others).write(vals)
        else:
            res = super().write(vals)
        if entering:
            entering._aftersales_on_state(state)
        return res

    # The buttons check what their change of state needs (the _aftersales_check_can_* hooks)
    # and write the state; write checks the same hooks whatever path writes it (RPC, an
    # import), records the fields the change owns and runs its _aftersales_on_* hook.

    def action_check_in(self):
        """Record the arrival on site; meets the repair's arrival target."""
        self._aftersales_check_can_check_in()
        return self.write({"state": "on_site"})

    def action_check_out(self):
        """Record the departure from site; starts the trip-report target of the trip."""
        self._aftersales_check_can_check_out()
        return self.write({"state": "returned"})

    def action_submit_report(self):
        """The trip report and expenses are attached: meets the trip-report target."""
        self._aftersales_check_can_submit_report()
        return self.write({"state": "reported"})

    def action_review(self):
        """The manager reviewed the trip's cost and the customer's satisfaction: meets the
        review target (5 working days after the return:
        readme/CONFIGURE.md, "Response times")."""
        self._aftersales_check_can_review()
        return self.write({"state": "reviewed"})

    def action_cancel(self):
        """Cancel a planned trip or a trip on site; its open targets are dropped (and its
        pending approvals withdrawn: aftersales_dispatch_parts_approval.py)."""
        self._aftersales_check_can_cancel()
        return self.write({"state": "cancel"})

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

    # ---- the state: changed only as the buttons change it (whatever path writes it) -----------
    @api.model
    def _aftersales_owned_fields(self):
        """The fields the buttons record with the change of state (_aftersales_state_stamp):
        refused to a user's create and write."""
        return [
            "checkin_datetime",
            "checkout_datetime",
            "report_date",
            "reviewed_by_id",
            "review_datetime",
        ]

    def _aftersales_check_owned_fields(self, vals):
        """Refuse `vals` (of create when self is empty, else of write) when it sets an owned
        field to another value than it has."""
        owned = []
        for fname in self._aftersales_owned_fields():
            if fname not in vals:
                continue
            field = self._fields[fname]
            if not self:
                changes = bool(vals[fname])
            else:
                value = field.convert_to_cache(vals[fname], self[:1])
                changes = any(
                    field.convert_to_cache(dispatch[fname], dispatch) != value for dispatch in self
                )
            if changes:
                owned.append(fname)
        if owned:
            raise UserError(
                _(
                    "%(fields)s of a trip are recorded by its buttons (Check In, Check Out, "
                    "Submit Trip Report, Mark Reviewed) and cannot be written.",
                    fields=", ".join(
                        self._fields[fname]._description_string(self.env) for fname in owned
                    ),
                )
            )

    def _aftersales_state_transitions(self):
        """The changes of state the trip's buttons make, {(from, to): check}: check is the
        name of the hook that refuses entering `to` (the one the button calls). A trip back
        from site took place (its costs were incurred, its unused parts are on their way back,
        its report is due): it is reported and reviewed, never cancelled."""
        return {
            ("planned", "on_site"): "_aftersales_check_can_check_in",  # Check In
            ("on_site", "returned"): "_aftersales_check_can_check_out",  # Check Out
            ("returned", "reported"): "_aftersales_check_can_submit_report",  # Submit Trip Report
            ("reported", "reviewed"): "_aftersales_check_can_review",  # Mark Reviewed
            ("planned", "cancel"): "_aftersales_check_can_cancel",  # Cancel
            ("on_site", "cancel"): "_aftersales_check_can_cancel",  # Cancel
        }

    def _aftersales_state_hint(self, state):
        """What to do to bring a trip into `state` (the button), for the refusal messages."""
        hints = {
            "planned": _("A trip is planned when it is created; it does not go back to Planned."),
            "on_site": _("A planned trip is checked in with Check In."),
            "returned": _("A trip on site is checked out with Check Out."),
            "reported": _("A returned trip's report is submitted with Submit Trip Report."),
            "reviewed": _("An After-Sales Manager reviews a reported trip with Mark Reviewed."),
            "cancel": _(
                "A planned trip or a trip on site is cancelled with Cancel; a trip back from "
                "site is reported and reviewed, not cancelled."
            ),
        }
        return hints.get(state, "")

    def _aftersales_check_state_change(self, state):
        """Refuse writing `state` unless it is a change the buttons make, with what entering it
        needs (the hook of _aftersales_state_transitions), whatever path writes it. The
        superuser may make a change outside the table (a data fix), unchecked; a change of the
        table is checked for everyone, sudo() included. Returns the trips whose change is one
        of the buttons' (the fields it records are written and its _aftersales_on_* hook
        runs)."""
        transitions = self._aftersales_state_transitions()
        entering = self.browse()
        by_from = defaultdict(lambda: self.browse())
        for dispatch in self:
            if dispatch.state != state:
                by_from[dispatch.state] |= dispatch
        for old, dispatches in by_from.items():
            if (old, state) not in transitions:
                if self.env.su:
                    continue
                # the check of entering the state first: its message says what is missing
                for check in {c for (_o, to), c in transitions.items() if to == state and c}:
                    getattr(dispatches, check)()
                labels = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(
                    _(
                        "Trip %(names)s cannot go from %(old)s to %(new)s. %(hint)s",
                        names=", ".join(dispatches.mapped("name")),
                        old=labels.get(old, old),
                        new=labels.get(state, state),
                        hint=self._aftersales_state_hint(state),
                    )
                )
            check = transitions[(old, state)]
            if check:
                getattr(dispatches, check)()
            entering |= dispatches
        return entering

    def _aftersales_state_stamp(self, state):
        """The values the change into `state` records with it (the owned fields)."""
        now = fields.Datetime.now()
        return {
            "on_site": {"checkin_datetime": now},
            "returned": {"checkout_datetime": now},
            "reported": {"report_date": now},
            "reviewed": {"reviewed_by_id": self.env.uid, "review_datetime": now},
        }.get(state, {})

    def _aftersales_on_state(self, state):
        """Run the hook of the state the trips just entered through one of the buttons'
        changes."""
        hook = {
            "on_site": self._aftersales_on_check_in,
            "returned": self._aftersales_on_check_out,
            "reported": self._aftersales_on_report,
            "reviewed": self._aftersales_on_review,
            "cancel": self._aftersales_on_cancel,
        }.get(state)
        if hook:
            hook()

    def _aftersales_grouped_by(self, fname):
        """The trips grouped by the value of `fname` (the moment a change recorded)."""
        groups = defaultdict(lambda: self.browse())
        for dispatch in self:
            groups[dispatch[fname]] |= dispatch
        return groups.items()

    # ---- the checks of the buttons (each refuses with what to do) ------------------------------
    def _aftersales_check_can_check_in(self):
        if self.filtered(lambda d: d.state != "planned"):
            raise UserError(_("Only a planned trip can be checked in."))

    def _aftersales_check_can_check_out(self):
        if self.filtered(lambda d: d.state != "on_site"):
            raise UserError(_("Check in on the trip before checking out."))

    def _aftersales_check_can_submit_report(self):
        for dispatch in self:
            if dispatch.state != "returned":
                raise UserError(
                    _(
                        "Check out of %(name)s before submitting its trip report.",
                        name=dispatch.name,
                    )
                )
            has_attachment = self.env["ir.attachment"].search_count(
                [("res_model", "=", self._name), ("res_id", "=", dispatch.id)], limit=1
            )
            if not dispatch.trip_report and not has_attachment:
                raise UserError(
                    _(
                        "Write the trip report of %(name)s or attach it before submitting.",
                        name=dispatch.name,
                    )
                )

    def _aftersales_check_can_review(self):
        if not self.env.user.has_group("aftersales_repair.aftersales_group_manager"):
            raise AccessError(
                _("Only an After-Sales Manager reviews the cost and satisfaction of a trip.")
            )
        for dispatch in self:
            if dispatch.state != "reported":
                raise UserError(
                    _(
                        "Submit the trip report of %(name)s before reviewing its cost and "
                        "satisfaction.",
                        name=dispatch.name,
                    )
                )
            if not (dispatch.review_note or "").strip():
                raise UserError(
                    _(
                        "Write the cost and satisfaction review of %(name)s before marking it "
                        "reviewed.",
                        name=dispatch.name,
                    )
                )

    def _aftersales_check_can_cancel(self):
        blocked = self.filtered(lambda d: not d.can_cancel)
        if blocked:
            raise UserError(
                _(
                    "Trip %(names)s cannot be cancelled: only a planned trip or a trip on site "
                    "can be. A trip back from site took place: submit its trip report (say "
                    "there why the visit did not solve the problem).",
                    names=", ".join(blocked.mapped("name")),
                )
            )

    # ---- what the changes of state do once written (other concerns extend them) ------------
    def _aftersales_on_check_in(self):
        """Checked in: meets the repair's arrival target."""
        Deadline = self.env["aftersales.sla.deadline"]
        for when, dispatches in self._aftersales_grouped_by("checkin_datetime"):
            Deadline._sla_meet(dispatches.repair_id, "arrival", when=when)

    def _aftersales_on_check_out(self):
        """Checked out: the unused parts go back; the trip-report and review targets start."""
        self._aftersales_return_trip_parts()
        Deadline = self.env["aftersales.sla.deadline"]
        for when, dispatches in self._aftersales_grouped_by("checkout_datetime"):
            Deadline._sla_start(dispatches, ["trip_report", "trip_review"], start=when)

    def _aftersales_on_report(self):
        """Report submitted: meets the trip-report target."""
        Deadline = self.env["aftersales.sla.deadline"]
        for when, dispatches in self._aftersales_grouped_by("report_date"):
            Deadline._sla_meet(dispatches, "trip_report", when=when)

    def _aftersales_on_review(self):
        """Reviewed: meets the review target."""
        Deadline = self.env["aftersales.sla.deadline"]
        for when, dispatches in self._aftersales_grouped_by("review_datetime"):
            Deadline._sla_meet(dispatches, "trip_review", when=when)

    def _aftersales_on_cancel(self):
        """Cancelled: the parts issued to the trip and not fitted go back, the requests not
        issued are cancelled (as at check-out); the trip's open targets are dropped."""
        self._aftersales_return_trip_parts()
        self.env["aftersales.sla.deadline"]._sla_cancel(self)

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
