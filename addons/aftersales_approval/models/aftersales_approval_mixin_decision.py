# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The approval mechanism's requests and decisions (`aftersales.approval.mixin`, whose
fields, states and rules are in aftersales_approval_mixin.py): the actions, the opening of
the next stage, the document's state and its row lock."""

from markupsafe import Markup

from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .aftersales_approval_mixin import APPROVAL_STATES


class AftersalesApprovalMixinDecision(models.AbstractModel):
    _inherit = "aftersales.approval.mixin"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_request_approval(self):
        """Create the reviews required by the rules, notify the first approvers."""
        Review = self.env["aftersales.approval.review"].sudo()
        for rec in self:
            if rec.approval_request_state == "pending" and not rec._approval_is_stale(
                rec._approval_active_reviews()
            ):
                raise UserError(
                    _("%(document)s is already waiting for approval.", document=rec.display_name)
                )
            if self._approval_state_field and self._approval_start_states:
                if rec[self._approval_state_field] not in self._approval_start_states:
                    raise UserError(
                        _(
                            "Approval of %(document)s can only be requested in these states: "
                            "%(states)s.",
                            document=rec.display_name,
                            states=", ".join(
                                dict(
                                    rec._fields[self._approval_state_field]._description_selection(
                                        self.env
                                    )
                                ).get(state, state)
                                for state in self._approval_start_states
                            ),
                        )
                    )
            rec.check_access("write")
            rec._approval_check_requestable()
            superseded = rec._approval_active_reviews()
            superseded._clear_activities()
            superseded.sudo().write({"status": "cancelled"})
            vals_list = rec._approval_prepare_reviews()
            if not vals_list:
                raise UserError(
                    _(
                        "%(document)s needs no approval: no approval rule applies to it.",
                        document=rec.display_name,
                    )
                )
            new_reviews = Review.create(vals_list)
            rec._approval_write_state(
                {"approval_request_state": "pending", "approval_requested_by_id": self.env.uid}
            )
            # the document's reviews are those known plus the new ones: no SELECT of them again
            rec.env.cache.update(
                rec,
                rec._fields["approval_review_ids"],
                [(rec.approval_review_ids | new_reviews).ids],
            )
            reviews = rec._approval_active_reviews()
            rec._approval_advance(
                _(
                    "Approval requested by %(user)s. Approvals needed: %(steps)s.",
                    user=self.env.user.name,
                    steps=", ".join(
                        f"{r.name} ({r.amount_display})" if r.amount_display else r.name
                        for r in reviews
                    ),
                ),
                opened=new_reviews.filtered(lambda r: r.status == "pending"),
            )
            rec._approval_lock()
        return True

    def action_approve(self, comment=None):
        """Approve, as the current user, every step it is their turn to approve."""
        user = self.env.user
        for rec in self:
            # the row lock comes once the decision is recorded (see _approval_lock)
            reviews = rec._approval_active_reviews()
            rec._approval_check_decidable(reviews)
            mine = rec._approval_reviews_for_user(user)
            bypass = False
            if not mine:
                if rec._approval_user_has_bypass(user):
                    mine = reviews.filtered(lambda r: r.status in ("waiting", "pending"))
                    bypass = True
                elif reviews.filtered(lambda r, u=user: r.done_by_id == u):
                    raise UserError(
                        _(
                            "You have already approved %(document)s; another approver must "
                            "approve the remaining steps (%(steps)s).",
                            document=rec.display_name,
                            steps=rec.approval_summary,
                        )
                    )
                else:
                    rec._approval_raise_not_approver()
            mine._approval_record_decision("approved", user, comment, bypass)
            mine._clear_activities()
            if bypass:
                body = _(
                    "Approved by %(user)s using the approval bypass (%(group)s): %(steps)s.",
                    user=user.name,
                    group=rec._get_approval_company().aftersales_approval_bypass_group_id.name,
                    steps=", ".join(mine.mapped("name")),
                )
            else:
                body = _(
                    "Approved by %(user)s: %(steps)s.",
                    user=user.name,
                    steps=", ".join(mine.mapped("name")),
                )
            if comment:
                body = Markup("%s<br/>%s") % (body, comment)
            rec._approval_advance(body)
            rec._approval_lock()
        return True

    def action_reject(self, reason):
        """Reject the request at the current user's step; the reason is mandatory."""
        if not reason or not reason.strip():
            raise UserError(_("Give the reason of the rejection: the requester needs it."))
        user = self.env.user
        for rec in self:
            # the row lock comes once the decision is recorded (see _approval_lock)
            reviews = rec._approval_active_reviews()
            rec._approval_check_decidable(reviews)
            mine = rec._approval_reviews_for_user(user)
            bypass = False
            if not mine and rec._approval_user_has_bypass(user):
                mine = reviews.filtered(lambda r: r.status == "pending")[:1]
                bypass = True
            if not mine:
                rec._approval_raise_not_approver()
            mine._approval_record_decision("rejected", user, reason, bypass)
            reviews._clear_activities()
            rec._approval_write_state({"approval_request_state": "rejected"})
            rec._approval_message(
                Markup("%s<br/>%s")
                % (
                    _(
                        "Rejected by %(user)s (%(steps)s). Reason:",
                        user=user.name,
                        steps=", ".join(mine.mapped("name")),
                    ),
                    reason,
                )
            )
            requester = rec.approval_requested_by_id
            if requester and requester.active and not requester.share:
                # the requester's task in the requester's language
                rec.sudo().activity_schedule(
                    act_type_xmlid="mail.mail_activity_data_todo",
                    summary=rec.with_context(lang=requester.lang or self.env.lang).env._(
                        "Approval rejected"
                    ),
                    note=reason,
                    user_id=requester.id,
                )
            rec._approval_lock()
            rec._on_approval_rejected()
        return True

    def _approval_raise_not_approver(self):
        self.ensure_one()
        raise UserError(
            _(
                "You are not an approver of %(document)s at this step. Waiting for: %(steps)s.",
                document=self.display_name,
                steps=self.approval_summary,
            )
        )

    def action_open_reject_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject"),
            "res_model": "aftersales.approval.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    def action_restart_approval(self):
        """Supersede the current reviews; the document must be approved again. Only a user
        who may change the document may restart its approval."""
        self.check_access("write")
        self._approval_supersede(_("Approval restarted by %(user)s.", user=self.env.user.name))
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _approval_check_decidable(self, reviews):
        self.ensure_one()
        if self.approval_request_state != "pending" or self._approval_is_stale(reviews):
            raise UserError(
                _(
                    "%(document)s is not waiting for approval (status: %(state)s).",
                    document=self.display_name,
                    state=dict(APPROVAL_STATES)[self.approval_state],
                )
            )
        if self._approval_is_requester(self.env.user):
            raise UserError(
                _(
                    "You requested the approval of %(document)s: you cannot approve or reject "
                    "your own request.",
                    document=self.display_name,
                )
            )

    def _approval_lock(self):
        """Serialize decisions on the same documents: every request and decision updates the
        document's row, called once each has been recorded. Odoo's transactions are
        REPEATABLE READ: when another decision on the same document commits after this
        transaction's snapshot, this UPDATE fails with a serialization error (or waits for
        the other one, then fails), so Odoo retries this one on fresh data: both approvals are
        recorded (each in its own review row) and the final state is decided once. Nothing
        read before needs reading again, and the UPDATE may come last. One query at most: the
        document's pending changes (e.g. its approval state) are written now, their UPDATE
        takes the row lock; documents without any get an UPDATE of write_date."""
        if not self.ids:
            return
        cache = self.env.cache
        unchanged = self.filtered(lambda rec: rec.id and not cache.has_dirty_fields(rec))
        self.flush_recordset()
        if not unchanged:
            return
        table = SQL.identifier(self._table)
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = (now() at time zone 'UTC'), write_uid = %s "
                "WHERE id IN %s",
                table,
                self.env.uid,
                tuple(unchanged.ids),
            )
        )
        unchanged.invalidate_recordset(["write_date", "write_uid"])

    def _approval_advance(self, body, opened=None):
        """Open the next stage of each rule chain (activities for its approvers), close the
        request when every step is approved, and log `body` (the request or the decision that
        moved the approval on) in one chatter message addressed to the approvers whose turn
        just came: one notification for all of them, by e-mail or in Odoo as each prefers.
        `opened`: reviews created already open (the first stage of a request)."""
        self.ensure_one()
        reviews = self._approval_active_reviews()
        if any(r.status == "rejected" for r in reviews):
            self._approval_message(body)
            return
        to_schedule = opened or self.env["aftersales.approval.review"]
        for chain in sorted(set(reviews.mapped("chain"))):
            chain_reviews = reviews.filtered(lambda r, c=chain: r.chain == c)
            open_reviews = chain_reviews.filtered(lambda r: r.status in ("waiting", "pending"))
            if not open_reviews:
                continue
            stage = min(open_reviews.mapped("stage"))
            to_open = open_reviews.filtered(
                lambda r, s=stage: r.stage == s and r.status == "waiting"
            )
            if to_open:
                to_open.sudo().write({"status": "pending"})
                to_schedule |= to_open
        # the tasks of every review opened now, in one batch
        approvers = to_schedule._schedule_activities()
        complete = bool(reviews) and all(r.status == "approved" for r in reviews)
        if complete:
            self._approval_write_state({"approval_request_state": "approved"})
            body = Markup("%s<br/>%s") % (
                body,
                _("Approval complete: every required approval was given."),
            )
        self._approval_message(body, approvers=approvers)
        if complete:
            self._on_approval_approved()

    def _approval_supersede(self, reason):
        for rec in self:
            reviews = rec._approval_active_reviews()
            if not reviews and rec.approval_request_state == "none":
                continue
            reviews._clear_activities()
            reviews.sudo().write({"status": "cancelled"})
            rec._approval_write_state({"approval_request_state": "none"})
            rec._approval_message(reason)
            rec._approval_lock()

    def _approval_write_state(self, vals):
        # sudo: the decision was checked by the mechanism (turn, group, requester); an
        # approver may have no write access on the document itself (an approver group
        # that only reads the document).
        # The one path that writes the fields the mechanism owns (`_approval_owned_fields`):
        # `write` refuses them unless in superuser mode, which no RPC caller can set.
        return self.sudo().write(vals)
