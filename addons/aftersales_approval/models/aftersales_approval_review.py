# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class AftersalesApprovalReview(models.Model):
    """One approval step of one approval request of a document (`aftersales.approval.mixin`).

    Reviews are a ledger written only by the mixin (users get read access): each approval
    writes its own row, so two approvers deciding at the same time never overwrite each
    other. Superseded reviews (amount changed, restart) stay as history with status
    "cancelled"."""

    _name = "aftersales.approval.review"
    _description = "After-Sales Approval Review"
    _order = "res_model, res_id, sequence, id"
    _rec_name = "name"

    res_model = fields.Char(string="Document Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, index=True, readonly=True
    )
    res_name = fields.Char(string="Document", readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    document_type = fields.Selection(
        selection="_selection_document_type", string="Approval Of", readonly=True
    )
    amount = fields.Monetary(
        string="Amount Approved",
        currency_field="currency_id",
        readonly=True,
        help="The amount this approval is for; another amount needs a new approval.",
    )
    amount_display = fields.Char(string="Amount", compute="_compute_amount_display")
    rule_id = fields.Many2one("aftersales.approval.rule", ondelete="set null", readonly=True)
    step_id = fields.Many2one("aftersales.approval.rule.step", ondelete="set null", readonly=True)
    group_id = fields.Many2one("res.groups", string="Approver Group", readonly=True)
    user_id = fields.Many2one("res.users", string="Approver", readonly=True)
    name = fields.Char(string="Approval", compute="_compute_name")
    chain = fields.Integer(readonly=True, help="Technical: one chain of steps per rule.")
    stage = fields.Integer(readonly=True, help="Technical: steps of a stage run in parallel.")
    sequence = fields.Integer(readonly=True)
    status = fields.Selection(
        [
            ("waiting", "Waiting for Earlier Step"),
            ("pending", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancelled", "Superseded"),
        ],
        required=True,
        default="waiting",
        index=True,
        readonly=True,
    )
    requested_by_id = fields.Many2one("res.users", readonly=True)
    requested_date = fields.Datetime(string="Requested On", readonly=True)
    done_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    done_date = fields.Datetime(string="Decided On", readonly=True)
    comment = fields.Text(readonly=True)
    is_bypass = fields.Boolean(
        string="Bypass", readonly=True, help="Approved by the bypass group, not the step's group."
    )
    activity_ids = fields.One2many(
        "mail.activity", "aftersales_approval_review_id", string="Activities", readonly=True
    )
    is_my_turn = fields.Boolean(
        string="My Turn", compute="_compute_is_my_turn", search="_search_is_my_turn"
    )

    @api.model
    def _selection_document_type(self):
        return (
            self.env["aftersales.approval.rule"]
            ._fields["document_type"]
            ._description_selection(self.env)
        )

    @api.depends("group_id", "user_id")
    def _compute_name(self):
        for review in self:
            review.name = review.user_id.name or review.group_id.name or ""

    @api.depends("amount", "currency_id")
    def _compute_amount_display(self):
        for review in self:
            review.amount_display = (
                format_amount(self.env, review.amount, review.currency_id)
                if review.currency_id
                else ""
            )

    @api.depends_context("uid")
    @api.depends("status", "group_id", "user_id", "requested_by_id")
    def _compute_is_my_turn(self):
        user = self.env.user
        for review in self:
            # sudo: the turn depends only on the request's reviews and requester, which the
            # reviewer may evaluate even without read access on the document itself.
            review.is_my_turn = review.status == "pending" and review.id in (
                review._get_document().sudo()._approval_reviews_for_user(user).ids
            )

    def _search_is_my_turn(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'My Turn'."))
        user = self.env.user
        candidates = self.search(
            [
                ("status", "=", "pending"),
                ("requested_by_id", "!=", user.id),
                "|",
                ("user_id", "=", user.id),
                ("group_id", "in", user.groups_id.ids),
            ]
        )
        mine = candidates.filtered("is_my_turn")
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", mine.ids)]

    def _get_document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _is_reviewer(self, user):
        self.ensure_one()
        if self.user_id:
            return self.user_id == user
        return bool(self.group_id) and self.group_id in user.groups_id

    def _get_reviewer_users(self):
        self.ensure_one()
        users = self.user_id or self.group_id.users
        return users.filtered(lambda u: u.active and not u.share and u != self.requested_by_id)

    def _schedule_activities(self):
        """One activity per approver whose turn it is (created in one batch). Returns the
        approvers: the caller notifies them all in one message (no e-mail per activity)."""
        if not self or self.env.context.get("mail_activity_automation_skip"):
            return self.env["res.users"]
        activity_type_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "aftersales_approval.mail_activity_type_approval"
        )
        vals_list = []
        owners = []
        scheduled = self.browse()
        for review in self:
            document = review._get_document()
            if not hasattr(document, "activity_schedule"):
                continue
            scheduled |= review
            # the values activity_schedule() gives, for all approvers of all reviews at once
            base_vals = {
                "activity_type_id": activity_type_id,
                "automated": True,
                "date_deadline": fields.Date.context_today(document),
                "res_model_id": self.env["ir.model"]._get_id(document._name),
                "res_id": document.id,
                # the stored values Odoo's computes would give, known here: not recomputed
                # (one UPDATE of the new tasks less)
                "res_name": document.sudo().display_name,
                "date_done": False,
            }
            for user in review._get_reviewer_users():
                # the task speaks the approver's language
                user_env = review.with_context(lang=user.lang or self.env.lang).env
                summary = user_env._("Approve: %(step)s", step=review.name)
                note = user_env._(
                    "%(document)s needs your approval (%(amount)s).",
                    document=review.res_name,
                    amount=review.amount_display,
                )
                vals_list.append(
                    dict(
                        base_vals,
                        aftersales_approval_review_id=review.id,
                        user_id=user.id,
                        user_tz=user.tz,
                        summary=summary,
                        note=note,
                    )
                )
                owners.append(review)
        # Odoo subscribes the user of each new activity to its document, one user at a time
        # (five queries each): the approvers of each document are subscribed here in one
        # statement first; a document whose message_subscribe returns early for partners who
        # already follow it (`_approval_followers_cover`) then spends nothing more on them.
        users_by_document = {}
        for review, vals in zip(owners, vals_list, strict=True):
            users_by_document.setdefault(review._get_document(), set()).add(vals["user_id"])
        for document, user_ids in users_by_document.items():
            document._approval_subscribe(self.env["res.users"].browse(user_ids).partner_id)
        # sudo: the approval mechanism assigns the approval task to approvers on behalf of a
        # requester who may not have write access on the document.
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )
        # a review is opened once: its tasks are the ones created now (known, not read back)
        by_review = {}
        for review, activity in zip(owners, activities, strict=True):
            by_review.setdefault(review, []).append(activity.id)
        activity_field = self._fields["activity_ids"]
        for review in scheduled:
            self.env.cache.set(review, activity_field, tuple(by_review.get(review, ())))
        return activities.user_id

    def _approval_record_decision(self, status, user, comment, bypass):
        """Record `user`'s decision on these reviews (the engine's own write: the reviews are
        read-only to users)."""
        self.sudo().write(
            {
                "status": status,
                "done_by_id": user.id,
                "done_date": fields.Datetime.now(),
                "comment": comment or False,
                "is_bypass": bypass,
            }
        )

    def _clear_activities(self):
        """Close the approval tasks of a decided step. They are archived, kept as done with
        their date (the approval activity type keeps done activities), not deleted: a deletion
        would also empty Odoo's whole record cache (BaseModel.unlink) on every decision."""
        # sudo: closing the approval tasks of other approvers once the step is decided. The
        # done date is the one Odoo's compute would give, written with the archive: the
        # compute would read the tasks again first.
        self.sudo().activity_ids.filtered("active").write(
            {"active": False, "date_done": fields.Date.today()}
        )

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }

    def action_approve(self):
        for document in self._documents():
            document.action_approve()
        return True

    def action_open_reject_wizard(self):
        self.ensure_one()
        return self._get_document().action_open_reject_wizard()

    def _documents(self):
        documents = []
        for review in self:
            document = review._get_document()
            if document not in documents:
                documents.append(document)
        return documents
