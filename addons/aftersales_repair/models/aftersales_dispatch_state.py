# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The state of a trip (`aftersales.dispatch`): it changes only as the trip's buttons change
it, whatever path writes it (a button, RPC, an import), each change with the checks its button
makes; what the buttons record with it (check-in and check-out, report date, reviewer) is
theirs; what follows each change runs where the state is written (readme/CONFIGURE.md,
"On-site trips")."""

from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class AftersalesDispatchState(models.Model):
    _inherit = "aftersales.dispatch"  # pylint: disable=consider-merging-classes-inherited

    can_cancel = fields.Boolean(
        compute="_compute_can_cancel",
        help="The trip can be cancelled: it is planned or on site (the Cancel button). A trip "
        "back from site took place: it is reported and reviewed, not cancelled.",
    )

    @api.depends("state")
    def _compute_can_cancel(self):
        for dispatch in self:
            dispatch.can_cancel = dispatch.state in ("planned", "on_site")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # a trip is created planned; what its buttons record is theirs
            for vals in vals_list:
                self.browse()._aftersales_check_state_owned(vals)
            if any(vals.get("state", "planned") not in ("planned", False) for vals in vals_list):
                raise UserError(
                    _(
                        "A trip is created as planned; then use its buttons. %(hint)s",
                        hint=self._aftersales_state_hint("on_site"),
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        self._aftersales_check_state_owned(vals)
        if "state" not in vals:
            return super().write(vals)
        state = vals["state"]
        entering = self._aftersales_check_state_change(state)
        stamp = self._aftersales_state_stamp(state) if entering else {}
        if stamp:
            # what the change records (when, by whom) is written with it, on the trips making
            # the change only; values the superuser gives (a data fix) are kept
            res = super(AftersalesDispatchState, entering).write(dict(stamp, **vals))
            others = self - entering
            if others:
                super(AftersalesDispatchState, others).write(vals)
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

    # ---- the state: changed only as the buttons change it (whatever path writes it) -----------
    def _aftersales_state_owned_fields(self):
        """The fields the buttons record with the change of state (_aftersales_state_stamp)."""
        return super()._aftersales_state_owned_fields() + [
            "checkin_datetime",
            "checkout_datetime",
            "report_date",
            "reviewed_by_id",
            "review_datetime",
        ]

    def _aftersales_state_owned_message(self, fnames):
        return _(
            "%(fields)s of a trip are recorded by its buttons (Check In, Check Out, "
            "Submit Trip Report, Mark Reviewed) and cannot be written.",
            fields=", ".join(self._fields[f]._description_string(self.env) for f in fnames),
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
