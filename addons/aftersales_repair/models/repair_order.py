# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import date_in_range
from .vocabulary import FAILURE_CAUSES, INTAKE_CHANNELS, SERVICE_CATEGORIES, SERVICE_MODES


class RepairOrder(models.Model):
    """Intake and diagnosis of a repair: how the request came in, the unit and its purchase,
    the fault, repeat repairs of the same serial. The other concerns of a repair order live in
    the repair_order_*.py files of this folder, one class each."""

    # one class per concern of repair.order, one file each (issue 15)
    _name = "repair.order"
    _inherit = ["repair.order", "aftersales.overdue.mixin", "aftersales.state.guard.mixin"]
    # overdue: past the estimated completion date, else the date the customer asked for
    _overdue_date_fields = ("estimated_completion_date", "requested_date")
    _overdue_open_domain = [("state", "not in", ("done", "cancel"))]

    intake_channel = fields.Selection(INTAKE_CHANNELS, default="phone", tracking=True)
    service_mode = fields.Selection(SERVICE_MODES, default="in_shop", tracking=True)
    service_category = fields.Selection(
        SERVICE_CATEGORIES,
        default="paid",
        required=True,
        tracking=True,
        help="Free: inside warranty. Paid: outside warranty, the customer accepts the "
        "estimate. Contract: fees as the maintenance contract says. Internal: inspections, "
        "parts handling, tool upkeep, training.",
    )
    contact_phone = fields.Char(
        compute="_compute_contact_phone",
        store=True,
        readonly=False,
    )
    site_partner_id = fields.Many2one(
        "res.partner",
        string="Site Address",
        compute="_compute_site_partner_id",
        store=True,
        readonly=False,
        check_company=True,
        help="Where the unit is used; where the technician goes for on-site service.",
    )
    purchase_date = fields.Date(
        compute="_compute_purchase_info",
        store=True,
        readonly=False,
        help="Filled from the delivery of the serial to the customer when Odoo knows it.",
    )
    sales_reference = fields.Char(
        compute="_compute_purchase_info",
        store=True,
        readonly=False,
    )
    intake_date = fields.Datetime(
        string="Received On",
        default=fields.Datetime.now,
        required=True,
        copy=False,
        help="When the request was taken; the repeat-repair window counts back from it.",
    )
    fault_description = fields.Text()
    requested_date = fields.Datetime(string="Requested by Customer")
    intake_item_ids = fields.One2many(
        "aftersales.repair.intake.item",
        "repair_id",
        string="Items Received",
        copy=False,
    )
    is_repeat_repair = fields.Boolean(
        string="Repeat Repair",
        compute="_compute_is_repeat_repair",
        store=True,
        help="The same serial was repaired within the repeat-repair window of the company.",
    )
    previous_repair_ids = fields.Many2many(
        "repair.order",
        string="Earlier Repairs",
        compute="_compute_previous_repair_ids",
    )
    previous_declined_move_ids = fields.Many2many(
        "stock.move",
        string="Open Recommendations (Parts)",
        compute="_compute_previous_repair_ids",
    )
    previous_declined_labour_ids = fields.Many2many(
        "aftersales.repair.labour",
        string="Open Recommendations (Labour)",
        compute="_compute_previous_repair_ids",
    )
    can_end = fields.Boolean(
        compute="_compute_can_end",
        help="The work can end: the repair is under repair (the 'End Repair' button).",
    )
    fault_code_categ_ids = fields.Many2many(
        "product.category",
        string="Fault Code Categories",
        compute="_compute_fault_code_categ_ids",
        help="The product's category and its parents: fault codes of these apply.",
    )
    fault_code_id = fields.Many2one(
        "aftersales.fault.code",
        tracking=True,
        check_company=True,
        ondelete="restrict",
        index="btree_not_null",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id), "
        "'|', ('product_category_ids', '=', False), "
        "('product_category_ids', 'in', fault_code_categ_ids)]",
    )
    failure_cause = fields.Selection(FAILURE_CAUSES, tracking=True)
    diagnosis_notes = fields.Html(string="Diagnosis")
    estimated_completion_date = fields.Datetime(string="Estimated Completion", tracking=True)
    labour_ids = fields.One2many("aftersales.repair.labour", "repair_id", copy=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")

    @api.depends("product_id.categ_id")
    def _compute_fault_code_categ_ids(self):
        for repair in self:
            path = repair.product_id.categ_id.parent_path or ""
            repair.fault_code_categ_ids = [int(cid) for cid in path.split("/") if cid]

    @api.depends("partner_id")
    def _compute_contact_phone(self):
        for repair in self:
            partner = repair.partner_id
            repair.contact_phone = partner.phone or partner.mobile or repair.contact_phone

    @api.depends("partner_id")
    def _compute_site_partner_id(self):
        for repair in self:
            if repair.partner_id:
                repair.site_partner_id = repair.partner_id.address_get(["delivery"])["delivery"]
            else:
                repair.site_partner_id = False

    @api.depends("lot_id")
    def _compute_purchase_info(self):
        deliveries = self._aftersales_find_delivery_lines()
        for repair in self:
            delivery = deliveries[repair.lot_id]
            if not delivery:
                # another unit: what was known of the former serial no longer applies (values
                # given with the serial in the same create/write are kept by the ORM)
                repair.purchase_date = False
                repair.sales_reference = False
                continue
            repair.purchase_date = fields.Date.to_date(delivery.date)
            sale = delivery.move_id.sale_line_id.order_id
            repair.sales_reference = sale.name or delivery.picking_id.name or delivery.reference

    @api.depends("lot_id", "intake_date", "company_id.aftersales_repeat_repair_days")
    def _compute_is_repeat_repair(self):
        earlier = self._aftersales_earlier_repairs_batch()
        for repair in self:
            repair.is_repeat_repair = bool(earlier[repair])

    @api.depends("lot_id", "intake_date")
    def _compute_previous_repair_ids(self):
        for repair in self:
            previous = repair._aftersales_earlier_repairs()
            repair.previous_repair_ids = previous
            repair.previous_declined_move_ids = previous.declined_move_ids
            repair.previous_declined_labour_ids = previous.declined_labour_ids

    @api.depends("state")
    def _compute_can_end(self):
        for repair in self:
            repair.can_end = repair.state == "under_repair"

    @api.depends("estimated_completion_date", "requested_date", "schedule_date", "state")
    @api.constrains("purchase_date", "intake_date")
    def _check_purchase_date(self):
        for repair in self:
            if not (date_in_range(repair.purchase_date) and date_in_range(repair.intake_date)):
                raise ValidationError(
                    _(
                        "The dates of repair %(repair)s must lie between 1900 and 2200.",
                        repair=repair.name,
                    )
                )
            if (
                repair.purchase_date
                and repair.intake_date
                and repair.purchase_date > repair.intake_date.date()
            ):
                raise ValidationError(
                    _(
                        "The purchase date of %(repair)s (%(purchase)s) is after the unit was "
                        "received for repair: correct the purchase date.",
                        repair=repair.name,
                        purchase=repair.purchase_date,
                    )
                )

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for repair in self:
            self._aftersales_check_lot_product(repair.lot_id, repair.product_id)

    @api.constrains("fault_code_id", "product_id")
    def _check_fault_code_category(self):
        for repair in self.filtered(lambda r: r.fault_code_id.product_category_ids):
            if not repair.fault_code_id.product_category_ids & repair.fault_code_categ_ids:
                raise ValidationError(
                    _(
                        "Fault code %(fault)s is not in the catalogue of %(product)s (category "
                        "%(category)s). Choose a fault code of that category or a general one.",
                        fault=repair.fault_code_id.display_name,
                        product=repair.product_id.display_name or _("this repair"),
                        category=repair.product_id.categ_id.display_name or "-",
                    )
                )

    @api.model
    def _aftersales_check_lot_product(self, lot, product):
        if lot and product and lot.product_id != product:
            raise ValidationError(
                _(
                    "Serial %(lot)s belongs to %(lot_product)s, not to %(product)s. "
                    "Choose a serial of the product to repair, or correct the product.",
                    lot=lot.name,
                    lot_product=lot.product_id.display_name,
                    product=product.display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._aftersales_check_create_state(vals_list)
        # Odoo's repair silently empties a serial of another product: refuse it instead.
        # (the serials' products read in one query for the whole batch)
        self.env["stock.lot"].browse(
            {vals["lot_id"] for vals in vals_list if vals.get("lot_id")}
        ).mapped("product_id")
        for vals in vals_list:
            if vals.get("lot_id") and vals.get("product_id"):
                self._aftersales_check_lot_product(
                    self.env["stock.lot"].browse(vals["lot_id"]),
                    self.env["product.product"].browse(vals["product_id"]),
                )
        return super().create(vals_list)

    def write(self, vals):
        entering = self.browse()
        if "state" in vals:
            entering = self._aftersales_check_state_change(vals["state"])
        if vals.get("lot_id"):
            lot = self.env["stock.lot"].browse(vals["lot_id"])
            for repair in self:
                product = (
                    self.env["product.product"].browse(vals["product_id"])
                    if vals.get("product_id")
                    else repair.product_id
                )
                self._aftersales_check_lot_product(lot, product)
        # repairs that stop (or start again) counting as an earlier repair of their serial
        moved = self.browse()
        if {"lot_id", "intake_date"} & set(vals):
            moved = self.filtered("lot_id")
        elif "state" in vals:
            moved = self.filtered(
                lambda r: r.lot_id and (r.state == "cancel") != (vals["state"] == "cancel")
            )
        old_lots = moved.lot_id
        res = super().write(vals)
        if moved:
            moved._aftersales_refresh_later_repeats(old_lots)
        if "service_category" in vals or "move_ids" in vals or "labour_ids" in vals:
            self._aftersales_check_acceptance_still_valid()
        if entering:
            entering._aftersales_on_state(vals["state"])
        return res

    # Odoo's actions, each overridden here only: the concerns (repair_order_*.py) and the other
    # add-ons take part through the _aftersales_check_can_* and _aftersales_on_* hooks below,
    # which run where the state changes (write), whatever path changes it: Confirm and Start
    # Repair and Cancel need no override.

    def action_repair_end(self):
        """Odoo's 'End Repair'. Odoo marks the repair repaired at once; here ending the work
        goes through _aftersales_end(), which the workshop implements (final inspection).
        Checked here too, not only in write: a superuser's change of state outside the buttons'
        table is not checked in write (_aftersales_check_state_change), and sudo() must not skip
        the check of the button (an in-memory check, no query)."""
        self._aftersales_check_can_end()
        return self._aftersales_end()

    def action_repair_done(self):
        # checked before Odoo validates the stock moves (and for sudo(), see action_repair_end),
        # and again in write (a filter, no query)
        self._aftersales_check_can_finish()
        return super().action_repair_done()

    def action_view_previous_repairs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Earlier Repairs of %(lot)s", lot=self.lot_id.name),
            "res_model": "repair.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self.previous_repair_ids.ids)],
        }

    def _aftersales_find_delivery_line(self):
        """The done move line that delivered the serial to a customer (latest first), or an
        empty recordset."""
        self.ensure_one()
        if not self.lot_id:
            return self.env["stock.move.line"]
        # sudo: read-only lookup of the serial's delivery and its sale order, which a front
        # desk user limited to their own sales documents may not otherwise read.
        return (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "=", self.lot_id.id),
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "=", "customer"),
                ],
                order="date desc, id desc",
                limit=1,
            )
        )

    def _aftersales_find_delivery_lines(self):
        """_aftersales_find_delivery_line() of every repair in one search: a dict serial ->
        its delivery move line (latest first; an empty recordset when none)."""
        MoveLine = self.env["stock.move.line"]
        result = defaultdict(lambda: MoveLine)
        lots = self.lot_id
        if not lots:
            return result
        # sudo: see _aftersales_find_delivery_line
        lines = MoveLine.sudo().search(
            [
                ("lot_id", "in", lots.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            order="date desc, id desc",
        )
        for line in lines:
            if line.lot_id not in result:
                result[line.lot_id] = line
        return result

    def _aftersales_earlier_repairs_batch(self):
        """_aftersales_earlier_repairs() of every repair in one search: a dict repair ->
        its earlier repairs (latest first)."""
        Repair = self.env["repair.order"]
        result = defaultdict(lambda: Repair)
        now = fields.Datetime.now()
        windows = {}
        for repair in self.filtered("lot_id"):
            days = repair.company_id.aftersales_repeat_repair_days or 90
            reference = repair.intake_date or now
            windows[repair] = (reference - timedelta(days=days), reference)
        if not windows:
            return result
        candidates = Repair.search(
            [
                ("lot_id", "in", self.lot_id.ids),
                ("state", "!=", "cancel"),
                ("intake_date", ">=", min(low for low, _high in windows.values())),
                ("intake_date", "<=", max(high for _low, high in windows.values())),
            ],
            order="intake_date desc",
        )
        # the candidates per serial (latest first), so that each repair scans only its own
        # serial's repairs, not every candidate of the batch
        by_lot = defaultdict(list)
        for candidate in candidates:
            by_lot[candidate.lot_id.id].append(candidate)
        for repair, (low, high) in windows.items():
            own_id = repair._origin.id
            result[repair] = candidates.browse(
                [
                    r.id
                    for r in by_lot[repair.lot_id.id]
                    if low <= r.intake_date <= high and (not own_id or r.id != own_id)
                ]
            ).with_prefetch(candidates._prefetch_ids)
        return result

    def _aftersales_refresh_later_repeats(self, old_lots):
        """These repairs were cancelled, restored or moved to another serial or intake date:
        the later repairs of their serials (old and new) check again whether they repeat an
        earlier one."""
        lots = old_lots | self.lot_id
        first = min((r.intake_date for r in self if r.intake_date), default=False)
        if not lots or not first:
            return
        later = self.env["repair.order"].search(
            [("lot_id", "in", lots.ids), ("intake_date", ">=", first), ("id", "not in", self.ids)]
        )
        if later:
            self.env.add_to_compute(self._fields["is_repeat_repair"], later)

    def _aftersales_earlier_repairs(self):
        """Repairs of the same serial created within the company's repeat-repair window before
        this one."""
        self.ensure_one()
        if not self.lot_id:
            return self.env["repair.order"]
        days = self.company_id.aftersales_repeat_repair_days or 90
        reference = self.intake_date or fields.Datetime.now()
        domain = [
            ("lot_id", "=", self.lot_id.id),
            ("state", "!=", "cancel"),
            ("intake_date", ">=", reference - timedelta(days=days)),
            ("intake_date", "<=", reference),
        ]
        if self._origin.id:
            domain.append(("id", "!=", self._origin.id))
        return self.env["repair.order"].search(domain, order="intake_date desc")

    @api.model
    def action_aftersales_landing(self):
        """Where the After-Sales app opens, by role: managers and approvers on the approvals
        waiting for them, the front desk on the units to receive or hand over, inspectors on
        the repairs to inspect, technicians on their own repairs."""
        user = self.env.user
        approval = self.env.ref("aftersales_repair.module_category_aftersales_approval")
        approver = user.groups_id.filtered(lambda g: g.category_id == approval)
        if approver or user.has_group("aftersales_repair.aftersales_group_manager"):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "aftersales_approval.aftersales_approval_review_action_to_approve"
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.repair_order_action"
        )
        if user.has_group("aftersales_repair.aftersales_group_user"):
            action["context"] = {
                "search_default_to_receive": 1,
                "search_default_not_handed_over": 1,
            }
        elif user.has_group("aftersales_repair.aftersales_group_quality_inspector"):
            action["context"] = {"search_default_in_inspection": 1}
        else:
            action["context"] = {"search_default_my_repairs": 1}
        return action

    def _aftersales_part_lines(self, active=True):
        """The repairs' part lines (see stock.move._aftersales_part_lines)."""
        return self.move_ids._aftersales_part_lines(active=active)

    def _aftersales_check_capability(self, capability, message):
        """Refuse the action when a repair lacks the capability its button shows on: the
        message (with %(names)s) says what to do."""
        blocked = self.filtered(lambda r: not r[capability])
        if blocked:
            raise UserError(message % {"names": ", ".join(blocked.mapped("name"))})

    # ---- the state: changed only as the buttons change it (whatever path writes it) -----------
    def _aftersales_state_transitions(self):
        """The changes of state Odoo's and the suite's buttons make, {(from, to): check}: check
        is the name of the hook that refuses entering `to` (the one the button's action calls),
        or False. The workshop concern replaces Odoo's under_repair -> done by the final
        inspection."""
        return {
            # Confirm Repair (and its insufficient-quantity wizard)
            ("draft", "confirmed"): "_aftersales_check_can_confirm",
            ("draft", "cancel"): False,
            ("confirmed", "under_repair"): "_aftersales_check_can_start",  # Start Repair
            ("confirmed", "cancel"): False,
            ("under_repair", "done"): "_aftersales_check_can_finish",
            ("under_repair", "cancel"): False,
            ("cancel", "draft"): False,  # Set to Draft
        }

    def _aftersales_state_hint(self, state):
        """What to do to bring a repair into `state` (the button), for the refusal messages."""
        hints = {
            "draft": _("Only a cancelled repair goes back to draft, with Set to Draft."),
            "confirmed": _("A draft repair is confirmed with Confirm Repair."),
            "under_repair": _("A confirmed repair is started with Start Repair."),
            "inspection": _("A repair under repair goes to inspection with End Repair."),
            "done": _(
                "A repair becomes Repaired when a quality inspector passes its final inspection "
                "(Pass Inspection)."
            ),
            "cancel": _("A repair is cancelled with Cancel Repair; a repaired one cannot be."),
        }
        return hints.get(state, "")

    @api.model
    def _aftersales_check_create_state(self, vals_list):
        """A repair is created as a draft. The superuser (Odoo's repair ordered on a sale
        order, migrations) may create it in another state."""
        if self.env.su:
            return
        if any(vals.get("state", "draft") not in ("draft", False) for vals in vals_list):
            raise UserError(
                _(
                    "A repair is created as a draft; then use its buttons. %(hint)s",
                    hint=self._aftersales_state_hint("confirmed"),
                )
            )

    def _aftersales_check_state_prepared(self, state):
        """What Odoo's action does to the parts before it writes the state: no part move
        left in draft once confirmed; every one done or cancelled once done or cancelled."""
        if state == "confirmed":
            left = self.filtered(lambda r: any(m.state == "draft" for m in r.move_ids))
        elif state in ("done", "cancel"):
            left = self.filtered(
                lambda r: any(m.state not in ("done", "cancel") for m in r.move_ids)
            )
        else:
            left = False
        if left:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "Repair %(names)s cannot be set to %(new)s directly: its parts are "
                    "reserved, consumed or cancelled by the button. %(hint)s",
                    names=", ".join(left.mapped("name")),
                    new=labels.get(state, state),
                    hint=self._aftersales_state_hint(state),
                )
            )

    def _aftersales_on_state(self, state):
        """Run the hook of the state the repairs just entered through one of the buttons'
        changes (_aftersales_state_transitions)."""
        hook = {
            "confirmed": self._aftersales_on_validate,
            "under_repair": self._aftersales_on_start,
            "done": self._aftersales_on_done,
            "cancel": self._aftersales_on_cancel,
        }.get(state)
        if hook:
            hook()

    # ---- hooks of Odoo's actions (each concern extends them, calling super) -----------------
    def _aftersales_check_can_confirm(self):
        """Raise a UserError saying what to do when a repair cannot be confirmed."""

    def _aftersales_check_can_start(self):
        """Raise a UserError saying what to do when a repair cannot start."""

    def _aftersales_check_can_end(self):
        """Raise a UserError saying what to do when the work on a repair cannot end."""
        not_started = self.filtered(lambda r: not r.can_end)
        if not_started:
            raise UserError(
                _(
                    "Repair %(names)s is not under repair: start the repair before ending it.",
                    names=", ".join(not_started.mapped("name")),
                )
            )

    def _aftersales_check_can_finish(self):
        """Raise a UserError saying what to do when a repair cannot become 'Repaired'."""

    def _aftersales_end(self):
        """What ending the work does. Odoo's own end marks the repair repaired at once; the
        workshop concern sends it to the final inspection instead."""
        return super().action_repair_end()

    def _aftersales_on_validate(self):
        """After the repairs were confirmed (state written)."""

    def _aftersales_on_start(self):
        """After the repairs started (state written)."""

    def _aftersales_on_done(self):
        """After the repairs became repaired (state written)."""

    def _aftersales_on_cancel(self):
        """After the repairs were cancelled (state written)."""

    def _aftersales_log_note(self, body):
        """Log the same internal note on each repair in one batch, authored by the current
        user. A note notifies no follower: Odoo's message_post machinery (recipients, reply-to,
        e-mails) would only cost queries on every order of a batch."""
        self._message_log_batch({repair.id: body for repair in self})
