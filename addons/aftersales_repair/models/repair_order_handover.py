# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class RepairOrderHandover(models.Model):
    """Handover of a repair (issue 3 points 6-7): old parts, loan units, the handover
    checklist and the settlement (what was covered and what is charged)."""

    # one class per concern of repair.order, one file each (issue 15)
    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    old_part_ids = fields.One2many(
        "aftersales.repair.old.part", "repair_id", string="Old Parts", copy=False
    )
    old_part_count = fields.Integer(compute="_compute_old_part_count")
    loan_ids = fields.One2many("aftersales.loan", "repair_id", string="Loan Units", copy=False)
    loan_count = fields.Integer(compute="_compute_loan_count")
    has_loan_out = fields.Boolean(
        string="Loan Unit Out",
        compute="_compute_loan_state",
        store=True,
        help="A loan unit of this repair is still with the customer.",
    )
    loan_override_reason = fields.Text(
        copy=False,
        readonly=True,
        tracking=True,
        help="Why a manager allowed closing the repair while its loan unit is out.",
    )
    loan_override_user_id = fields.Many2one(
        "res.users", string="Loan Override By", copy=False, readonly=True
    )
    loan_override_date = fields.Datetime(string="Loan Override On", copy=False, readonly=True)
    handover_unit_cleaned = fields.Boolean(string="Unit Cleaned", copy=False, tracking=True)
    handover_accessories_returned = fields.Boolean(
        string="Accessories Returned", copy=False, tracking=True
    )
    handover_old_parts_shown = fields.Boolean(
        string="Old Parts Shown to Customer", copy=False, tracking=True
    )
    handover_advice_given = fields.Boolean(string="Advice Given", copy=False, tracking=True)
    handover_advice = fields.Text(string="Advice to the Customer", copy=False)
    next_maintenance_date = fields.Date(string="Next Maintenance", copy=False, tracking=True)
    handover_date = fields.Datetime(
        string="Handed Over On", copy=False, readonly=True, tracking=True
    )
    handover_user_id = fields.Many2one(
        "res.users", string="Handed Over By", copy=False, readonly=True
    )
    can_handover = fields.Boolean(
        compute="_compute_can_handover",
        help="The unit can be handed over: the repair is repaired and not handed over yet.",
    )
    can_print_settlement = fields.Boolean(
        compute="_compute_can_handover",
        help="The settlement can be printed: the repair is repaired.",
    )
    can_override_loan = fields.Boolean(
        compute="_compute_can_handover",
        help="A manager can allow closing the repair with its loan unit out: the repair is "
        "repaired, not handed over, its loan unit is out and no override was given yet.",
    )

    @api.depends("old_part_ids")
    def _compute_old_part_count(self):
        for repair in self:
            repair.old_part_count = len(repair.old_part_ids)

    @api.depends("loan_ids")
    def _compute_loan_count(self):
        for repair in self:
            repair.loan_count = len(repair.loan_ids)

    @api.depends("loan_ids.state")
    def _compute_loan_state(self):
        for repair in self:
            repair.has_loan_out = any(loan.state == "out" for loan in repair.loan_ids)

    @api.depends("state", "handover_date", "has_loan_out", "loan_override_reason")
    def _compute_can_handover(self):
        for repair in self:
            repaired = repair.state == "done"
            repair.can_handover = repaired and not repair.handover_date
            repair.can_print_settlement = repaired
            repair.can_override_loan = (
                repair.can_handover and repair.has_loan_out and not repair.loan_override_reason
            )

    def action_generate_old_parts(self):
        """One old-part line per part line added, for the parts it replaced (all the repairs'
        lines created in one batch)."""
        vals_list = []
        for repair in self:
            moves = repair._aftersales_part_lines() - repair.old_part_ids.replaced_by_move_id
            vals_list += [
                {
                    "repair_id": repair.id,
                    "replaced_by_move_id": move.id,
                    "product_id": move.product_id.id,
                    "quantity": move.quantity or move.product_uom_qty,
                }
                for move in moves
            ]
        self.env["aftersales.repair.old.part"].create(vals_list)
        return True

    def action_view_old_parts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Old Parts of %(name)s", name=self.name),
            "res_model": "aftersales.repair.old.part",
            "view_mode": "list,form",
            "domain": [("repair_id", "=", self.id)],
            "context": {"default_repair_id": self.id},
        }

    def action_view_loans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.aftersales_loan_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {
            "default_repair_id": self.id,
            "default_expected_return_date": fields.Date.to_string(
                (self.estimated_completion_date or fields.Datetime.now()).date()
                + timedelta(days=1)
            ),
        }
        return action

    def action_open_loan_override_wizard(self):
        self.ensure_one()
        self._aftersales_check_can_override_loan()
        return {
            "type": "ir.actions.act_window",
            "name": _("Close With Loan Unit Out"),
            "res_model": "aftersales.loan.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    def action_loan_override(self, reason):
        """A manager allows closing the repair although its loan unit is out; the reason is
        recorded on the repair and in its chatter."""
        self.ensure_one()
        self._aftersales_check_can_override_loan()
        if not (reason or "").strip():
            raise UserError(_("Give the reason for closing the repair with its loan unit out."))
        self.write(
            {
                "loan_override_reason": reason,
                "loan_override_user_id": self.env.user.id,
                "loan_override_date": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=_(
                "%(user)s allowed closing the repair with loan unit(s) %(loans)s out: %(reason)s",
                user=self.env.user.name,
                loans=", ".join(
                    self.loan_ids.filtered(lambda loan: loan.state == "out").mapped("name")
                ),
                reason=reason,
            )
        )
        return True

    def action_handover(self):
        """Hand the repaired unit over to the customer and close the repair: checklist done,
        old parts dealt with, loan unit back (or a manager's override)."""
        for repair in self.filtered(lambda r: not r.can_handover):
            if repair.handover_date:
                raise UserError(_("Repair %(name)s is already handed over.", name=repair.name))
            raise UserError(
                _(
                    "Repair %(name)s must be repaired (inspection passed) before handover.",
                    name=repair.name,
                )
            )
        for repair in self:
            repair._aftersales_check_handover_checklist()
            repair._aftersales_check_loans_back()
            pending = repair.old_part_ids.filtered(lambda p: p.state == "pending")
            pending.action_process()
            repair.loan_ids.filtered(lambda loan: loan.state == "draft").action_cancel()
            repair.write(
                {"handover_date": fields.Datetime.now(), "handover_user_id": self.env.user.id}
            )
            repair.message_post(
                body=_(
                    "Unit handed over to the customer by %(user)s; repair closed.",
                    user=self.env.user.name,
                )
            )
        return True

    def action_print_settlement(self):
        self.ensure_one()
        if not self.can_print_settlement:
            raise UserError(
                _(
                    "Repair %(name)s is not repaired yet: its settlement is printed once its "
                    "final inspection passed.",
                    name=self.name,
                )
            )
        self._aftersales_check_handover_checklist()
        return self.env.ref("aftersales_repair.action_report_repair_settlement").report_action(
            self
        )

    def _aftersales_check_can_override_loan(self):
        if not self.env.user.has_group("aftersales_repair.aftersales_group_manager"):
            raise AccessError(
                _("Only an After-Sales Manager can close a repair while its loan unit is out.")
            )
        for repair in self.filtered(lambda r: not r.can_override_loan):
            if not repair.has_loan_out:
                raise UserError(_("Repair %(name)s has no loan unit out.", name=repair.name))
            raise UserError(
                _(
                    "Repair %(name)s cannot be closed with its loan unit out: only a repaired "
                    "unit not handed over yet, without an earlier override, can.",
                    name=repair.name,
                )
            )

    def _aftersales_check_loans_back(self):
        self.ensure_one()
        out = self.loan_ids.filtered(lambda loan: loan.state == "out")
        if out and not self.loan_override_reason:
            raise UserError(
                _(
                    "Loan unit %(loans)s of repair %(name)s is still out with the customer. "
                    "Take it back (Return on the loan) before closing the repair, or ask an "
                    "After-Sales Manager to override with a reason.",
                    loans=", ".join("%s (%s)" % (loan.name, loan.lot_id.name) for loan in out),
                    name=self.name,
                )
            )

    def _aftersales_check_handover_checklist(self):
        self.ensure_one()
        missing = []
        if not self.handover_unit_cleaned:
            missing.append(self._fields["handover_unit_cleaned"].string)
        if not self.handover_accessories_returned:
            missing.append(self._fields["handover_accessories_returned"].string)
        if self.old_part_ids and not self.handover_old_parts_shown:
            missing.append(self._fields["handover_old_parts_shown"].string)
        if not self.handover_advice_given:
            missing.append(self._fields["handover_advice_given"].string)
        no_disposition = self.old_part_ids.filtered(lambda p: not p.disposition)
        if no_disposition:
            missing.append(
                _(
                    "Disposition of old parts: %(parts)s",
                    parts=", ".join(no_disposition.mapped("display_name")),
                )
            )
        if missing:
            raise UserError(
                _(
                    "Complete the handover checklist of %(name)s first: %(items)s.",
                    name=self.name,
                    items="; ".join(missing),
                )
            )

    def _aftersales_settlement_lines(self):
        """Parts and labour of the settlement, each either covered (given free, at its list
        price) or charged (at the price of the estimate): a list of dicts (kind, line, name,
        quantity, uom, price_unit, covered, charged, no_quality_guarantee)."""
        self.ensure_one()
        lines = []
        for move in self._aftersales_part_lines():
            qty = move.quantity if move.state == "done" else move.product_uom_qty
            covered = self._aftersales_line_is_covered(move)
            price = move.product_id.lst_price if covered else move.repair_price_unit
            value = self.currency_id.round(price * qty)
            lines.append(
                {
                    "kind": "part",
                    "line": move,
                    "name": move.product_id.display_name,
                    "quantity": qty,
                    "uom": move.product_uom.name,
                    "price_unit": price,
                    "covered": value if covered else 0.0,
                    "charged": 0.0 if covered else value,
                    "no_quality_guarantee": move.no_quality_guarantee,
                }
            )
        for labour in self.labour_ids.filtered(lambda line: not line.is_declined):
            covered = self._aftersales_line_is_covered(labour)
            price = labour.price_unit or (labour.product_id.lst_price if covered else 0.0)
            value = self.currency_id.round(price * labour.hours)
            lines.append(
                {
                    "kind": "labour",
                    "line": labour,
                    "name": labour.name or labour.product_id.display_name,
                    "quantity": labour.hours,
                    "uom": labour.product_id.uom_id.name,
                    "price_unit": price,
                    "covered": value if covered else 0.0,
                    "charged": 0.0 if covered else value,
                    "no_quality_guarantee": False,
                }
            )
        return lines

    def _aftersales_settlement_totals(self):
        """Totals of the settlement: covered (free) and charged at sales value, untaxed, and
        the amount the customer pays: the repair's sale order total (taxes included) when it
        has one, else the charged value."""
        self.ensure_one()
        lines = self._aftersales_settlement_lines()
        covered = sum(line["covered"] for line in lines)
        charged = sum(line["charged"] for line in lines)
        order = self.sale_order_id.filtered(lambda so: so.state != "cancel")
        return {
            "covered": covered,
            "charged": charged,
            "tax": order.amount_tax if order else 0.0,
            "to_pay": order.amount_total if order else charged,
        }
