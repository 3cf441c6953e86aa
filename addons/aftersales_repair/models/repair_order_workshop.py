# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare


class RepairOrderWorkshop(models.Model):
    """Work and final inspection of a repair (issue 3 points 4-5): parts must be consumed
    before the repair ends; Odoo's 'End Repair' sends the order to a final inspection, and only
    a passed inspection makes it 'Repaired'."""

    # one class per concern of repair.order, one file each (issue 15)
    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    state = fields.Selection(
        selection_add=[("inspection", "Inspection"), ("done",)],
        ondelete={"inspection": lambda repairs: repairs.write({"state": "under_repair"})},
        group_expand="_group_expand_states",
    )
    aftersales_check_ids = fields.One2many(
        "aftersales.repair.check",
        "repair_id",
        string="Checks Before Inspection",
        readonly=True,
        copy=False,
    )
    inspection_ids = fields.One2many(
        "aftersales.repair.inspection",
        "repair_id",
        string="Inspections",
        copy=False,
        readonly=True,
    )
    can_inspect = fields.Boolean(
        compute="_compute_can_inspect",
        help="The final inspection can be recorded: the repair waits for it.",
    )
    inspection_passed = fields.Boolean(
        compute="_compute_inspection_passed",
        store=True,
        help="The last final inspection of the repair passed.",
    )
    inspection_recorded = fields.Boolean(
        compute="_compute_inspection_recorded",
        store=True,
        help="The final inspection of the repair's current round is recorded (passed or "
        "failed). Cleared each time the repair is sent to inspection again.",
    )

    @api.model
    def _group_expand_states(self, states, domain):
        """Kanban columns in workflow order (not alphabetical); Cancelled only when some
        repair in the view is cancelled."""
        return [
            state
            for state in self._fields["state"].get_values(self.env)
            if state != "cancel" or state in states
        ]

    @api.depends("state")
    def _compute_can_inspect(self):
        for repair in self:
            repair.can_inspect = repair.state == "inspection"

    @api.depends("inspection_ids.result", "inspection_ids.date", "state")
    def _compute_inspection_passed(self):
        for repair in self:
            repair.inspection_passed = bool(
                repair.state in ("inspection", "done")
                and repair._aftersales_last_inspection().result == "pass"
            )

    @api.depends("inspection_ids")
    def _compute_inspection_recorded(self):
        # an inspection was just recorded (the only change of the inspections); entering the
        # inspection clears it (write)
        for repair in self:
            repair.inspection_recorded = bool(repair.inspection_ids)

    def write(self, vals):
        self._aftersales_check_state_owned(vals)
        if vals.get("state") == "inspection":
            # a new round: the inspection of the previous round no longer counts
            vals = dict(vals, inspection_recorded=False)
        return super().write(vals)

    def _aftersales_state_owned_fields(self):
        # whether the inspection of the round is recorded: by Pass and Fail Inspection
        return super()._aftersales_state_owned_fields() + ["inspection_recorded"]

    def _aftersales_state_owned_message(self, fnames):
        return _(
            "Whether the final inspection is recorded is set by Pass Inspection and "
            "Fail Inspection; it cannot be written."
        )

    def _aftersales_state_transitions(self):
        """End Repair sends the repair to the final inspection; only a passed inspection makes
        it repaired, a failed one sends it back to the technician."""
        transitions = super()._aftersales_state_transitions()
        del transitions[("under_repair", "done")]
        transitions.update(
            {
                ("under_repair", "inspection"): "_aftersales_check_can_end",  # End Repair
                ("inspection", "done"): "_aftersales_check_can_finish",  # Pass Inspection
                # Fail Inspection
                ("inspection", "under_repair"): "_aftersales_check_can_fail_inspection",
                ("inspection", "cancel"): False,
            }
        )
        return transitions

    def _aftersales_check_can_end(self):
        """The technician finishes: every part must be consumed first."""
        res = super()._aftersales_check_can_end()
        self._aftersales_check_parts_consumed()
        return res

    def _aftersales_end(self):
        """Ending the work sends the repair to the final inspection instead of Odoo's
        'Repaired' (see _aftersales_check_can_finish)."""
        return self._aftersales_send_to_inspection()

    def _aftersales_check_can_finish(self):
        """Only a repair whose final inspection passed becomes 'Repaired'."""
        res = super()._aftersales_check_can_finish()
        not_passed = self.filtered(lambda r: r.state != "inspection" or not r.inspection_passed)
        if not_passed:
            raise UserError(
                _(
                    "Repair %(names)s has not passed its final inspection. End the repair to "
                    "send it to inspection; a quality inspector who is not the technician must "
                    "pass it before it is repaired.",
                    names=", ".join(not_passed.mapped("name")),
                )
            )
        return res

    def _aftersales_check_can_fail_inspection(self):
        """Only Fail Inspection sends a repair waiting for inspection back to the technician:
        the failed inspection recorded in this round with its reason, by a quality inspector
        who did not work on the repair (action_inspection_fail records it, then writes the
        state). The superuser is not checked (the removal of the Inspection state on
        uninstall, a data fix), as for the changes outside the buttons' table; the button run
        with sudo() still checks the inspector."""
        # repairs not in inspection: refused as a change no button makes (the caller)
        failing = self.filtered(lambda r: r.state == "inspection")
        if self.env.su or not failing:
            return
        not_failed = failing.filtered(
            lambda r: not r.inspection_recorded or r._aftersales_last_inspection().result != "fail"
        )
        if not_failed:
            raise UserError(
                _(
                    "Repair %(names)s has no failed inspection recorded: a quality inspector "
                    "who is not its technician sends it back to repair with Fail Inspection, "
                    "giving the reason.",
                    names=", ".join(not_failed.mapped("name")),
                )
            )
        failing._aftersales_check_can_inspect()

    def action_open_inspection_wizard(self):
        self.ensure_one()
        self._aftersales_check_can_inspect()
        return {
            "type": "ir.actions.act_window",
            "name": _("Final Inspection"),
            "res_model": "aftersales.repair.inspection.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_repair_id": self.id,
                "default_result": self.env.context.get("inspection_result", "pass"),
            },
        }

    def action_inspection_pass(self, notes=None):
        """The quality inspector passes the repair: it becomes 'Repaired' (Odoo's done flow)."""
        self._aftersales_check_can_inspect()
        self._aftersales_record_inspection("pass", notes)
        self._aftersales_log_note(
            _(
                "Final inspection passed by %(user)s.%(notes)s",
                user=self.env.user.name,
                notes=(" " + notes) if notes else "",
            )
        )
        return self.action_repair_done()

    def action_inspection_fail(self, reason):
        """The quality inspector fails the repair: back to the technician with the reason."""
        if not (reason or "").strip():
            raise UserError(_("Give the reason of the failed inspection."))
        self._aftersales_check_can_inspect()
        for repair in self:
            repair._aftersales_record_inspection("fail", reason)
            repair.write({"state": "under_repair"})
            repair.message_post(
                body=_(
                    "Final inspection failed by %(user)s: %(reason)s. Back to repair.",
                    user=self.env.user.name,
                    reason=reason,
                )
            )
            if repair.user_id:
                # the technician's task in the technician's language
                repair.with_context(lang=repair.user_id.lang or self.env.lang).activity_schedule(
                    act_type_xmlid="mail.mail_activity_data_todo",
                    summary=repair.with_context(lang=repair.user_id.lang or self.env.lang).env._(
                        "Inspection failed"
                    ),
                    note=reason,
                    user_id=repair.user_id.id,
                )
        return True

    def _aftersales_check_parts_consumed(self):
        """Every part line to add must be consumed in full (reserved and used through its stock
        move) before the repair ends."""
        for repair in self:
            active = repair._aftersales_part_lines().filtered(lambda m: m.state != "done")
            missing = active.filtered(
                lambda m: (
                    float_compare(
                        m.quantity, m.product_uom_qty, precision_rounding=m.product_uom.rounding
                    )
                    < 0
                )
            )
            if missing:
                raise UserError(
                    _(
                        "Repair %(name)s cannot end: these parts are not consumed in full: "
                        "%(parts)s. Check availability to reserve them and set the quantity "
                        "used, or lower the demand to what was used (remove a part that was not "
                        "fitted), then end the repair again.",
                        name=repair.name,
                        parts=", ".join(
                            "%s (%g/%g)"
                            % (m.product_id.display_name, m.quantity, m.product_uom_qty)
                            for m in missing
                        ),
                    )
                )
            # Odoo consumes only the picked parts when some are picked: the others would be
            # cancelled silently
            unpicked = active.filtered(lambda m: not m.picked)
            if unpicked and unpicked != active:
                raise UserError(
                    _(
                        "Repair %(name)s cannot end: some parts are marked as used (picked) but "
                        "not these: %(parts)s. Mark them as used too, or remove the lines of "
                        "parts that were not fitted, then end the repair again.",
                        name=repair.name,
                        parts=", ".join(unpicked.product_id.mapped("display_name")),
                    )
                )

    def _aftersales_send_to_inspection(self):
        """Replaces Odoo's done step at the end of the repair: the order waits for the final
        inspection; old-part lines are prepared for the parts replaced."""
        self.write({"state": "inspection"})
        self.action_generate_old_parts()
        self._aftersales_log_note(
            _(
                "Repair finished by %(user)s; waiting for the final quality inspection.",
                user=self.env.user.name,
            )
        )
        return True

    def _aftersales_check_can_inspect(self):
        user = self.env.user
        if not user.has_group("aftersales_repair.aftersales_group_quality_inspector"):
            raise AccessError(_("Only a quality inspector can record the final inspection."))
        for repair in self:
            if not repair.can_inspect:
                raise UserError(
                    _("Repair %(name)s is not waiting for inspection.", name=repair.name)
                )
            technicians = repair.user_id | repair.labour_ids.technician_id
            if user in technicians:
                raise UserError(
                    _(
                        "You worked on repair %(name)s and cannot inspect it: a quality "
                        "inspector who is not its technician must do the final inspection.",
                        name=repair.name,
                    )
                )

    def _aftersales_last_inspection(self):
        """The final inspection that counts: the last recorded (a wrong result is corrected
        by a later inspection, never by changing or deleting one)."""
        self.ensure_one()
        return self.inspection_ids.sorted(lambda i: (i.date, i.id))[-1:]

    def _aftersales_record_inspection(self, result, notes):
        """One inspection record per repair, created in one batch."""
        # sudo: an inspection is evidence that only Pass Inspection and Fail Inspection record
        # (users only read them), once their checks passed (_aftersales_check_can_inspect: a
        # quality inspector who did not work on the repair, the repair waiting for inspection);
        # the inspector and the technician are the real ones, the inspection's own checks
        # (pre-inspection checks, reason of a failure) still apply
        return (
            self.env["aftersales.repair.inspection"]
            .sudo()
            .create(
                [
                    {
                        "repair_id": repair.id,
                        "inspector_id": self.env.user.id,
                        "technician_id": repair.user_id.id,
                        "result": result,
                        "notes": notes or False,
                    }
                    for repair in self
                ]
            )
            .sudo(False)
        )
