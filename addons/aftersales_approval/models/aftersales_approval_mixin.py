# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_amount

APPROVAL_STATES = [
    ("not_needed", "Not Needed"),
    ("to_request", "To Request"),
    ("pending", "Waiting Approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class AftersalesApprovalMixin(models.AbstractModel):
    """The suite's ONE approval mechanism, for any document with a chatter (the rules it
    applies: readme/DESCRIPTION.md of aftersales_approval).

    How to use it on a document (example: a parts request of a product add-on)::

        class PartsRequest(models.Model):
            _name = "my.parts.request"
            _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.approval.mixin"]

            _approval_document_type = "parts_request"   # a value of rule.document_type
            _approval_document_types = ["parts_request", "parts_rush"]  # all it uses
            _approval_amount_field = "amount_total"     # in the company currency
            _approval_state_field = "state"
            _approval_start_states = ["draft"]          # states where approval is requested
            _approval_under_review_fields = ["line_ids", "urgency"]

            def action_issue(self):
                self._check_approved()                  # before the guarded action
                ...

    and in the document's form view (buttons in the header, a page in the notebook)::

        <header>
            <button name="action_request_approval" type="object" string="Request Approval"
                    invisible="approval_state != 'to_request'"/>
            <button name="action_approve" type="object" string="Approve" class="btn-primary"
                    invisible="not approval_can_review"/>
            <button name="action_open_reject_wizard" type="object" string="Reject"
                    invisible="not approval_can_review"/>
            <button name="action_restart_approval" type="object" string="Restart Approval"
                    invisible="approval_state not in ('rejected', 'approved')"/>
        </header>
        <page string="Approvals" name="approvals" invisible="approval_state == 'not_needed'">
            <field name="approval_review_ids"
                   context="{'list_view_ref':
                             'aftersales_approval.aftersales_approval_review_view_list_embedded'}"/>
        </page>

    (aftersales_repair's `views/repair_order_approval_views.xml` is a complete example: state
    badge, buttons,
    "Approvals" page showing who must approve, who did, when and the comment.)

    The model is written in three files, one per concern: this one (fields, states, rules,
    the guard of the fields it owns), aftersales_approval_mixin_decision.py (the actions:
    request, approve, reject, restart; the document's state and row lock) and
    aftersales_approval_mixin_notification.py (the chatter notes, the approvers' notification
    and their following of the document).

    Rules: `aftersales.approval.rule` records per company, document type, amount band and
    an optional condition (a domain on the document, evaluated with `filtered_domain` as OCA
    `base_tier_validation` does: product category, requester's sales team...), with steps
    (a group or a user each, sequential or parallel) that must ALL approve. A module adding a
    document type extends the selection and ships its default rules as `noupdate` data::

        class AftersalesApprovalRule(models.Model):
            _inherit = "aftersales.approval.rule"
            document_type = fields.Selection(
                selection_add=[("parts_request", "Parts Request")],
                ondelete={"parts_request": "cascade"})

        <record id="aftersales_approval_rule_parts_request_500" model="aftersales.approval.rule">
            <field name="name">Parts up to 500</field>
            <field name="document_type">parts_request</field>
            <field name="company_id" ref="base.main_company"/>
            <field name="amount_from" eval="0"/>
            <field name="amount_from_included" eval="False"/>
            <field name="amount_to" eval="500"/>
            <field name="amount_to_included" eval="True"/>
            <field name="step_ids" eval="[Command.create({'sequence': 10,
                   'group_id': ref('my_module.my_approver_group')})]"/>
        </record>

    Steps: a step in mode "sequential" waits for every earlier step of its rule; a step in mode
    "parallel" runs together with the step before it (e.g. emergency purchase: Service-centre
    head + Quality Manager in parallel, then Service VP sequential).

    API (all work on several records unless said otherwise):

    - `approval_state`: not_needed / to_request / pending / approved / rejected (computed,
      searchable). An approval whose amount no longer matches the document is "to_request".
    - `approval_review_ids`: the reviews (`aftersales.approval.review`), one per step, with
      who must approve, who did, when, comment, bypass; superseded ones are "cancelled".
    - `approval_needed_by_me` (searchable) and `approval_can_review`: the current user's turn.
    - `action_request_approval()`: creates the reviews from the applicable rules, posts in the
      chatter and gives an activity to each approver whose turn it is.
    - `action_approve(comment=None)`: approves every step the current user may approve now
      (bypass group: every open step, recorded as bypass). Refused for the requester, for a
      user without the group, for a second approval of the same rule by the same user.
    - `action_reject(reason)`: reason mandatory; `action_open_reject_wizard()` asks for it.
    - `action_restart_approval()`: supersedes the reviews, back to "to_request".
    - `_check_approved()`: raises a UserError unless approved (or not needed); call it first
      in the guarded action.
    - Hooks: `_get_approval_requirements()` (several amounts on one document, e.g. price and
      waiver of a repair), `_get_approval_company()`,
      `_on_approval_approved()` (called once when the last step is approved, e.g. to issue
      the parts), `_on_approval_rejected()`.

    Writing an under-review field while pending is refused; writing it after an approval (or a
    rejection) supersedes the reviews and posts why: the document must be approved again.
    """

    _name = "aftersales.approval.mixin"
    _description = "After-Sales Approval Mixin"

    _approval_document_type = False
    # every document type the model's requirements use (default: [_approval_document_type])
    _approval_document_types = []
    _approval_amount_field = False
    _approval_state_field = "state"
    _approval_start_states = ["draft"]
    _approval_under_review_fields = []

    approval_review_ids = fields.One2many(
        "aftersales.approval.review",
        "res_id",
        string="Approvals",
        domain=lambda self: [("res_model", "=", self._name)],
        copy=False,
    )
    approval_request_state = fields.Selection(
        [
            ("none", "None"),
            ("pending", "Pending"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="none",
        required=True,
        copy=False,
        readonly=True,
        help="Technical: state of the current approval request, written by each decision.",
    )
    approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Approval Status",
        compute="_compute_approval_state",
        search="_search_approval_state",
    )
    approval_requested_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    approval_needed_by_me = fields.Boolean(
        string="Needs My Approval",
        compute="_compute_approval_needed_by_me",
        search="_search_approval_needed_by_me",
    )
    approval_can_review = fields.Boolean(
        string="Can Approve Now",
        compute="_compute_approval_needed_by_me",
        help="The current user may approve or reject now (their turn, or the bypass group).",
    )
    approval_summary = fields.Char(string="Approvals Needed", compute="_compute_approval_state")
    approval_requester_id = fields.Many2one(
        "res.users",
        compute="_compute_approval_requester_id",
        help="Who requested the approval, or the current user before a request: rules' "
        "conditions may test it (e.g. the requester's sales team).",
    )

    # ------------------------------------------------------------------
    # Computes and searches
    # ------------------------------------------------------------------

    @api.depends(lambda self: self._approval_state_depends())
    def _compute_approval_state(self):
        for rec in self:
            reviews = rec._approval_active_reviews()
            # the applicable rules, looked up once per record
            steps = rec._approval_rules_by_requirement() if rec.id else []
            if not rec.id or not reviews:
                rec.approval_state = (
                    "to_request" if any(rules.step_ids for _req, rules in steps) else "not_needed"
                )
            elif rec._approval_is_stale(reviews, steps):
                rec.approval_state = "to_request"
            elif any(r.status == "rejected" for r in reviews):
                rec.approval_state = "rejected"
            elif all(r.status == "approved" for r in reviews):
                rec.approval_state = "approved"
            else:
                rec.approval_state = "pending"
            if rec.approval_state == "to_request":
                rec.approval_summary = ", ".join(
                    ", ".join(rules.step_ids.mapped("name")) for _req, rules in steps
                )
            else:
                open_reviews = reviews.filtered(lambda r: r.status in ("waiting", "pending"))
                rec.approval_summary = ", ".join(open_reviews.mapped("name"))

    @api.depends("approval_requested_by_id")
    @api.depends_context("uid")
    def _compute_approval_requester_id(self):
        for rec in self:
            rec.approval_requester_id = rec.approval_requested_by_id or self.env.user

    @api.model
    def _approval_state_depends(self):
        depends = ["approval_request_state", "approval_review_ids.status"]
        if self._approval_amount_field:
            depends.append(self._approval_amount_field)
        return depends + list(self._approval_under_review_fields)

    def _search_approval_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Unsupported search on the approval status."))
        values = {value} if isinstance(value, str) else set(value or [])
        positive = operator in ("=", "in")
        if values <= {"pending", "approved", "rejected"}:
            candidates = self.search([("approval_request_state", "!=", "none")])
        else:
            candidates = self.search([])
        matching = candidates.filtered(lambda r: r.approval_state in values)
        return [("id", "in" if positive else "not in", matching.ids)]

    @api.depends("approval_review_ids.status")
    @api.depends_context("uid")
    def _compute_approval_needed_by_me(self):
        user = self.env.user
        for rec in self:
            mine = rec._approval_reviews_for_user(user)
            rec.approval_needed_by_me = bool(mine)
            rec.approval_can_review = bool(mine) or (
                rec.approval_state == "pending" and rec._approval_user_has_bypass(user)
            )

    def _search_approval_needed_by_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'Needs My Approval'."))
        reviews = self.env["aftersales.approval.review"].search(
            [("res_model", "=", self._name), ("is_my_turn", "=", True)]
        )
        ids = list(set(reviews.mapped("res_id")))
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # a new document starts with the mechanism's own defaults: neither the values
            # given, nor defaults from the context or personal defaults, may set them
            fixed = {}
            for fname in self._approval_owned_fields():
                field = self._fields[fname]
                if field.type not in ("one2many", "many2many"):
                    fixed[fname] = field.default(self) if field.default else False
            checked = []
            for vals in vals_list:
                refused = [
                    fname
                    for fname in self._approval_owned_fields()
                    if fname in vals
                    and self._approval_value_changes(fname, vals[fname], fixed.get(fname))
                ]
                if refused:
                    self._approval_raise_owned(refused)
                checked.append(dict(vals, **fixed))
            vals_list = checked
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            owned = [fname for fname in self._approval_owned_fields() if fname in vals]
            refused = [
                fname
                for fname in owned
                if any(rec._approval_value_changes(fname, vals[fname], rec[fname]) for rec in self)
            ]
            if refused:
                self._approval_raise_owned(refused)
        under_review = set(self._approval_under_review_fields) & set(vals)
        to_reset = self.browse()
        if under_review:
            for rec in self:
                if rec.approval_request_state == "pending":
                    raise UserError(
                        _(
                            "%(document)s is waiting for approval: %(fields)s cannot be "
                            "changed now. Ask an approver to reject it, or restart the "
                            "approval, then change it.",
                            document=rec.display_name,
                            fields=", ".join(
                                rec._fields[f]._description_string(self.env)
                                for f in sorted(under_review)
                            ),
                        )
                    )
                if rec.approval_request_state in ("approved", "rejected"):
                    to_reset |= rec
        res = super().write(vals)
        if to_reset:
            changed = ", ".join(
                self._fields[f]._description_string(self.env) for f in sorted(under_review)
            )
            to_reset._approval_supersede(
                _("Approval reset: %(fields)s changed after the decision.", fields=changed)
            )
        return res

    def unlink(self):
        reviews = self.approval_review_ids
        # the document's activities, approval tasks included, go with it (mail.activity.mixin)
        res = super().unlink()
        # sudo: reviews are read-only to users; they go with their document.
        reviews.sudo().unlink()
        return res

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _check_approved(self):
        """Raise a UserError unless every record is approved or needs no approval."""
        for rec in self:
            state = rec.approval_state
            if state in ("approved", "not_needed"):
                continue
            messages = {
                "to_request": _(
                    "%(document)s needs an approval first: click 'Request Approval'.",
                    document=rec.display_name,
                ),
                "pending": _(
                    "%(document)s is still waiting for approval by: %(steps)s.",
                    document=rec.display_name,
                    steps=rec.approval_summary,
                ),
                "rejected": _(
                    "%(document)s was rejected; change it and restart the approval.",
                    document=rec.display_name,
                ),
            }
            raise UserError(messages[state])
        return True

    def _approval_check_requestable(self):
        """Refuse a request the rules cannot decide: a zero or negative amount, or an amount
        no approval rule covers (never approved automatically)."""
        self.ensure_one()
        Rule = self.env["aftersales.approval.rule"]
        company = self._get_approval_company()

        def described(requirement):
            # the kind and the amount as the refusals show them (only when refusing)
            types = dict(Rule._fields["document_type"]._description_selection(self.env))
            kind = requirement["document_type"]
            return {
                "type": types.get(kind, kind),
                "amount": format_amount(self.env, requirement["amount"], company.currency_id),
            }

        for requirement in self._get_approval_requirements():
            amount = requirement["amount"]
            if company.currency_id.compare_amounts(amount, 0.0) <= 0:
                raise UserError(
                    _(
                        "%(document)s cannot be submitted for approval: its amount to approve "
                        "(%(type)s) is %(amount)s. Enter the parts or prices first; the amount "
                        "must be positive.",
                        document=self.display_name,
                        **described(requirement),
                    )
                )
            if not Rule._get_applicable_rules(
                requirement["document_type"], amount, company, document=self
            ):
                raise UserError(
                    _(
                        "No approval rule of %(company)s covers %(type)s for %(amount)s "
                        "(%(document)s): configure a rule for this amount in the approval "
                        "rules, then submit again.",
                        company=company.name,
                        document=self.display_name,
                        **described(requirement),
                    )
                )

    def _approval_is_requester(self, user):
        """Whether `user` requested the approval (and so may not decide it). Documents with
        other requesters (e.g. who created a request) extend it."""
        self.ensure_one()
        return self.approval_requested_by_id == user

    @api.model
    def _approval_owned_fields(self):
        """Fields only the approval mechanism writes (through `_approval_write_state`):
        `create`/`write` from users touching them are refused. Documents add the fields
        their approval flow owns (e.g. a state moved by the decisions)."""
        return ["approval_request_state", "approval_requested_by_id", "approval_review_ids"]

    def _approval_value_changes(self, fname, value, current):
        """Whether writing `value` (as given to create/write) changes `current`."""
        field = self._fields[fname]
        if field.type in ("one2many", "many2many"):
            return bool(value)
        record = self[:1] or self
        try:
            return field.convert_to_cache(value, record) != field.convert_to_cache(current, record)
        except (ValueError, TypeError):
            return True

    def _approval_raise_owned(self, fnames):
        raise UserError(
            _(
                "%(fields)s of %(model)s are set by the approval process only: use the "
                "Request Approval, Approve, Reject and Restart Approval buttons.",
                fields=", ".join(self._fields[f]._description_string(self.env) for f in fnames),
                model=self.env["ir.model"]._get(self._name).name,
            )
        )

    def _get_approval_company(self):
        self.ensure_one()
        return self["company_id"] if "company_id" in self._fields else self.env.company

    def _get_approval_requirements(self):
        """What must be approved: a list of dicts with document_type, amount (company
        currency). Override to approve several amounts on one document. The rules'
        conditions are evaluated on the document itself."""
        self.ensure_one()
        if not self._approval_document_type or not self._approval_amount_field:
            return []
        return [
            {
                "document_type": self._approval_document_type,
                "amount": self[self._approval_amount_field],
            }
        ]

    def _approval_rules_by_requirement(self):
        self.ensure_one()
        Rule = self.env["aftersales.approval.rule"]
        company = self._get_approval_company()
        result = []
        for requirement in self._get_approval_requirements():
            rules = Rule._get_applicable_rules(
                requirement["document_type"], requirement["amount"], company, document=self
            )
            if rules:
                result.append((requirement, rules))
        return result

    def _approval_needed_steps(self):
        return any(rules.step_ids for _req, rules in self._approval_rules_by_requirement())

    def _approval_prepare_reviews(self):
        self.ensure_one()
        vals_list = []
        chain = 0
        sequence = 0
        for requirement, rules in self._approval_rules_by_requirement():
            for rule in rules:
                chain += 1
                stage = 0
                for step in rule.step_ids.sorted(lambda s: (s.sequence, s.id)):
                    if stage == 0 or step.mode == "sequential":
                        stage += 1
                    sequence += 1
                    vals_list.append(
                        {
                            "res_model": self._name,
                            "res_id": self.id,
                            "res_name": self.display_name,
                            "company_id": rule.company_id.id,
                            "document_type": requirement["document_type"],
                            "amount": requirement["amount"],
                            "rule_id": rule.id,
                            "step_id": step.id,
                            "group_id": step.group_id.id,
                            "user_id": step.user_id.id,
                            "chain": chain,
                            "stage": stage,
                            "sequence": sequence,
                            # the first stage of each chain opens with the request
                            "status": "pending" if stage == 1 else "waiting",
                            "requested_by_id": self.env.uid,
                            "requested_date": fields.Datetime.now(),
                        }
                    )
        return vals_list

    def _approval_active_reviews(self):
        return self.approval_review_ids.filtered(lambda r: r.status != "cancelled").sorted(
            "sequence"
        )

    def _approval_is_stale(self, reviews, steps=None):
        """An approval is stale when a required amount is now higher than the amount it was
        given for, or a new kind of approval is required (e.g. a waiver added). Changes made
        through `write` on an under-review field reset the approval anyway; this check also
        catches changes made elsewhere (e.g. directly on a line). A lower amount stays covered:
        the approver's level covers every amount below it."""
        self.ensure_one()
        if not reviews:
            return False
        rounding = self._get_approval_company().currency_id.rounding or 0.01
        if steps is None:
            steps = self._approval_rules_by_requirement()
        for requirement, _rules in steps:
            given = reviews.filtered(
                lambda r, t=requirement["document_type"]: r.document_type == t
            )
            if (
                not given
                or float_compare(
                    requirement["amount"], max(given.mapped("amount")), precision_rounding=rounding
                )
                > 0
            ):
                return True
        return False

    def _approval_reviews_for_user(self, user):
        """The reviews it is `user`'s turn to approve: pending, their group or user, not
        their own request, one per rule chain, not a chain they already approved."""
        self.ensure_one()
        if self.approval_request_state != "pending" or self._approval_is_requester(user):
            return self.env["aftersales.approval.review"]
        reviews = self._approval_active_reviews()
        done_chains = {r.chain for r in reviews if r.done_by_id == user}
        result = self.env["aftersales.approval.review"]
        for review in reviews:
            if (
                review.status == "pending"
                and review.chain not in done_chains
                and review._is_reviewer(user)
            ):
                result |= review
                done_chains.add(review.chain)
        return result

    def _approval_user_has_bypass(self, user):
        self.ensure_one()
        group = self._get_approval_company().aftersales_approval_bypass_group_id
        return bool(group) and group in user.groups_id and not self._approval_is_requester(user)

    def _on_approval_approved(self):
        """Hook: the last required approval was just given."""
        return True

    def _on_approval_rejected(self):
        """Hook: the request was just rejected."""
        return True
