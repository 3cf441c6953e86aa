# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, format_amount

ACCEPTANCE_STATES = [
    ("not_required", "Not Required"),
    ("pending", "Waiting for Customer Acceptance"),
    ("accepted", "Accepted by Customer"),
    ("rejected", "Rejected by Customer"),
]
ACCEPTANCE_METHODS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("in_person", "In Person"),
    ("signature", "Signature"),
]

# What a portal customer may read of a repair over RPC: what the portal page shows. Internal
# notes, approvers, waiver reasons and every other internal field stay with the staff.
PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "state",
        "company_id",
        "create_date",
        "priority",
        "partner_id",
        "product_id",
        "lot_id",
        "fault_description",
        "estimated_completion_date",
        "currency_id",
        "customer_acceptance_state",
        "customer_accepted_by",
        "access_url",
    }
)


class RepairOrderEstimate(models.Model):
    """The estimate of a repair, the customer's acceptance of it, the portal page and the
    quotation mail."""

    _name = "repair.order"
    _inherit = ["repair.order", "portal.mixin"]

    estimate_parts_amount = fields.Monetary(
        string="Parts Estimate", compute="_compute_estimate_amounts", currency_field="currency_id"
    )
    estimate_labour_amount = fields.Monetary(
        string="Labour Estimate", compute="_compute_estimate_amounts", currency_field="currency_id"
    )
    estimate_amount = fields.Monetary(
        string="Estimate Total",
        compute="_compute_estimate_amounts",
        currency_field="currency_id",
        help="Parts and labour the customer is asked to accept, declined lines excluded.",
    )
    has_no_quality_guarantee = fields.Boolean(
        string="Has Parts Without Guarantee", compute="_compute_has_no_quality_guarantee"
    )
    declined_move_ids = fields.One2many(
        "stock.move",
        "repair_id",
        string="Declined Parts",
        domain=[("repair_line_type", "!=", False), ("is_declined", "=", True)],
        readonly=True,
    )
    declined_labour_ids = fields.One2many(
        "aftersales.repair.labour",
        "repair_id",
        domain=[("is_declined", "=", True)],
        readonly=True,
    )
    customer_acceptance_state = fields.Selection(
        ACCEPTANCE_STATES,
        string="Customer Acceptance",
        compute="_compute_customer_acceptance_state",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        tracking=True,
    )
    quotation_sent_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    quotation_sent_date = fields.Datetime(string="Quotation Sent On", copy=False, readonly=True)
    customer_accepted_by = fields.Char(string="Accepted By (Customer)", copy=False, tracking=True)
    customer_acceptance_date = fields.Datetime(string="Acceptance Date", copy=False)
    customer_acceptance_method = fields.Selection(
        ACCEPTANCE_METHODS + [("portal", "Portal Signature")],
        string="Acceptance Method",
        copy=False,
    )
    customer_acceptance_recorded_by_id = fields.Many2one(
        "res.users", string="Acceptance Recorded By", copy=False, readonly=True
    )
    customer_signature = fields.Image()
    can_send_quotation = fields.Boolean(
        compute="_compute_can_send_quotation",
        help="The quotation can go to the customer: the repair is open.",
    )
    can_record_customer_acceptance = fields.Boolean(
        compute="_compute_can_record_customer_acceptance",
        help="The customer's decision on the estimate can be recorded: the repair is open and "
        "its estimate waits for the customer or was rejected.",
    )
    accepted_amount = fields.Monetary(
        currency_field="currency_id",
        copy=False,
        readonly=True,
        help="The estimate total the customer accepted; a higher total needs a new acceptance.",
    )

    @api.depends(
        "move_ids.product_uom_qty",
        "move_ids.repair_price_unit",
        "move_ids.is_declined",
        "move_ids.repair_line_type",
        "move_ids.state",
        "labour_ids.price_subtotal",
        "labour_ids.is_declined",
    )
    def _compute_estimate_amounts(self):
        for repair in self:
            parts = sum(repair._aftersales_part_lines().mapped("repair_price_subtotal"))
            labour = sum(
                repair.labour_ids.filtered(lambda line: not line.is_declined).mapped(
                    "price_subtotal"
                )
            )
            repair.estimate_parts_amount = parts
            repair.estimate_labour_amount = labour
            repair.estimate_amount = parts + labour

    @api.depends("move_ids.no_quality_guarantee", "move_ids.is_declined")
    def _compute_has_no_quality_guarantee(self):
        for repair in self:
            repair.has_no_quality_guarantee = any(
                move.no_quality_guarantee and not move.is_declined for move in repair.move_ids
            )

    @api.depends("service_category")
    def _compute_customer_acceptance_state(self):
        for repair in self:
            required = repair._aftersales_acceptance_required()
            if required and repair.customer_acceptance_state in (False, "not_required"):
                repair.customer_acceptance_state = "pending"
            elif not required and repair.customer_acceptance_state in (False, "pending"):
                repair.customer_acceptance_state = "not_required"

    @api.depends("state")
    def _compute_can_send_quotation(self):
        for repair in self:
            repair.can_send_quotation = repair.state not in ("done", "cancel")

    @api.depends("state", "customer_acceptance_state")
    def _compute_can_record_customer_acceptance(self):
        for repair in self:
            repair.can_record_customer_acceptance = repair.state not in (
                "done",
                "cancel",
            ) and repair.customer_acceptance_state in ("pending", "rejected")

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for repair in self:
            repair.access_url = f"/my/repairs/{repair.id}"
        return res

    @api.model
    def _aftersales_portal_readable_fields(self):
        """The fields portal pages read (add-ons with portal pages of their own add theirs)."""
        return PORTAL_READABLE_FIELDS

    @api.model
    def check_field_access_rights(self, operation, field_names):
        """Portal and public users read only the fields of the portal page (issue 14)."""
        if self.env.su or not self.env.user.share:
            return super().check_field_access_rights(operation, field_names)
        readable = self._aftersales_portal_readable_fields()
        if not field_names:
            field_names = [
                name
                for name in super().check_field_access_rights(operation, field_names)
                if name in readable
            ]
            return field_names
        hidden = [name for name in field_names if name in self._fields and name not in readable]
        if hidden:
            raise AccessError(
                _(
                    "These fields of a repair are internal and cannot be read from the "
                    "portal: %(fields)s.",
                    fields=", ".join(hidden),
                )
            )
        return super().check_field_access_rights(operation, field_names)

    def _aftersales_check_can_start(self):
        res = super()._aftersales_check_can_start()
        for repair in self:
            if repair._aftersales_acceptance_required() and (
                repair.customer_acceptance_state != "accepted"
            ):
                raise UserError(
                    _(
                        "Repair %(name)s is a paid repair and the customer has not accepted its "
                        "estimate yet. Send the quotation and record the customer's acceptance "
                        "before starting the work.",
                        name=repair.name,
                    )
                )
        return res

    def action_send_quotation(self):
        """Open the mail composer with the quotation PDF of the repair."""
        self.ensure_one()
        self._aftersales_check_quote_rights()
        self._aftersales_check_can_send_quotation()
        template = self.env.ref(
            "aftersales_repair.mail_template_repair_quotation", raise_if_not_found=False
        )
        ctx = {
            "default_model": "repair.order",
            "default_res_ids": self.ids,
            "default_template_id": template.id if template else False,
            "default_composition_mode": "comment",
            "default_email_layout_xmlid": (
                "mail.mail_notification_layout_with_responsible_signature"
            ),
            "force_email": True,
            "mark_repair_quotation_as_sent": True,
        }
        return {
            "type": "ir.actions.act_window",
            "view_mode": "form",
            "res_model": "mail.compose.message",
            "views": [(False, "form")],
            "view_id": False,
            "target": "new",
            "context": ctx,
        }

    def action_record_customer_acceptance(self):
        """Open the wizard in which staff record the customer's decision on the estimate."""
        self.ensure_one()
        self._aftersales_check_quote_rights()
        self._aftersales_check_can_record_acceptance(self.env.user)
        return {
            "type": "ir.actions.act_window",
            "name": _("Record Customer Acceptance"),
            "res_model": "aftersales.repair.acceptance.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    def action_print_quotation(self):
        self.ensure_one()
        return self.env.ref("aftersales_repair.action_report_repair_quotation").report_action(self)

    def action_preview_quotation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": self.get_portal_url(),
        }

    def message_post(self, **kwargs):
        if self.env.context.get("mark_repair_quotation_as_sent"):
            self.filtered(lambda r: r.state not in ("done", "cancel"))._aftersales_mark_sent()
            repairs = self.with_context(mark_repair_quotation_as_sent=False)
            return super(RepairOrderEstimate, repairs).message_post(**kwargs)
        return super().message_post(**kwargs)

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Repair Quotation - %(name)s", name=self.name)

    def _get_portal_return_action(self):
        return self.env.ref("aftersales_repair.repair_order_action")

    def _aftersales_acceptance_required(self):
        """Whether the customer must accept the estimate before the work starts. Hook for
        other modules (e.g. a contract repair that charges parts)."""
        self.ensure_one()
        return self.service_category == "paid"

    def _aftersales_has_to_be_signed(self):
        """Whether the customer can still accept the estimate on the portal."""
        self.ensure_one()
        return self.customer_acceptance_state == "pending" and self.state not in ("done", "cancel")

    def _aftersales_check_quote_rights(self):
        if not self.env.user.has_group("aftersales_repair.aftersales_group_user"):
            raise AccessError(
                _("Only the front desk (After-Sales User) quotes repairs and records acceptances.")
            )

    def _aftersales_check_can_send_quotation(self):
        """Checks before the quotation goes to the customer. Hook for the service price
        approval (readme/CONFIGURE.md, "Service price approval thresholds")."""
        for repair in self:
            if not repair.can_send_quotation:
                raise UserError(
                    _("Repair %(name)s is closed; it has no quotation to send.", name=repair.name)
                )
            if not repair.partner_id:
                raise UserError(
                    _(
                        "Set the customer of repair %(name)s before sending the quotation.",
                        name=repair.name,
                    )
                )

    def _aftersales_check_can_record_acceptance(self, user):
        """Staff cannot record the customer's acceptance of a quotation they sent or created."""
        for repair in self:
            if not repair.can_record_customer_acceptance:
                raise UserError(
                    _(
                        "The estimate of %(name)s is not waiting for the customer's decision: "
                        "send the quotation first (a closed repair records no decision).",
                        name=repair.name,
                    )
                )
            if user in (repair.quotation_sent_by_id | repair.create_uid):
                raise UserError(
                    _(
                        "You sent or created the quotation of %(name)s: another member of "
                        "staff must record the customer's acceptance.",
                        name=repair.name,
                    )
                )

    def _aftersales_mark_sent(self):
        for repair in self:
            vals = {
                "quotation_sent_by_id": self.env.user.id,
                "quotation_sent_date": fields.Datetime.now(),
            }
            if repair._aftersales_acceptance_required() and (
                repair.customer_acceptance_state != "accepted"
            ):
                vals["customer_acceptance_state"] = "pending"
            repair.write(vals)

    def _aftersales_set_customer_decision(
        self, decision, accepted_by, method, date=None, signature=None, declined_lines=None
    ):
        """Record the customer's decision on the estimate.

        :param decision: 'accepted' or 'rejected'
        :param declined_lines: stock.move and aftersales.repair.labour records the customer
            declined (kept on the order as declined recommendations)
        """
        self.ensure_one()
        if decision not in ("accepted", "rejected"):
            raise UserError(_("The customer either accepts or rejects the estimate."))
        if self.state in ("done", "cancel"):
            raise UserError(
                _(
                    "Repair %(name)s is closed; its estimate can no longer be accepted.",
                    name=self.name,
                )
            )
        for line in declined_lines or []:
            line.filtered(lambda rec: rec.repair_id == self)._aftersales_decline()
        self.write(
            {
                "customer_acceptance_state": decision,
                "customer_accepted_by": accepted_by,
                "customer_acceptance_method": method,
                "customer_acceptance_date": date or fields.Datetime.now(),
                "customer_acceptance_recorded_by_id": (
                    self.env.user.id if not self.env.user.share else False
                ),
                "customer_signature": signature or False,
                "accepted_amount": self.estimate_amount if decision == "accepted" else 0.0,
            }
        )
        self._aftersales_log_note(
            _(
                "Estimate %(decision)s by %(who)s (%(method)s), total %(amount)s.",
                decision=dict(ACCEPTANCE_STATES)[decision].lower(),
                who=accepted_by,
                method=dict(self._fields["customer_acceptance_method"].selection).get(method),
                amount=format_amount(self.env, self.estimate_amount, self.currency_id),
            )
        )
        return True

    def _aftersales_check_acceptance_still_valid(self, changes=None, details=None):
        """An accepted estimate that grows (new line, higher total) needs a new acceptance: put
        the order back to pending and tell the customer what changed.

        :param changes: descriptions of lines added: always need a new acceptance
        :param details: {repair id: [descriptions]} of lines changed, told to the customer
            when the total rose
        """
        for repair in self._aftersales_accepted_estimates():
            rounding = repair.currency_id.rounding
            raised = (
                float_compare(
                    repair.estimate_amount, repair.accepted_amount, precision_rounding=rounding
                )
                > 0
            )
            if not (changes or raised):
                continue
            repair._aftersales_reset_acceptance(
                (changes or []) + (details or {}).get(repair.id, [])
            )

    def _aftersales_accepted_estimates(self):
        """The repairs whose estimate the customer accepted and whose work is still open:
        the ones a change of their lines may send back for acceptance."""
        return self.filtered(
            lambda r: (
                r.customer_acceptance_state == "accepted" and r.state not in ("done", "cancel")
            )
        )

    def _aftersales_reset_acceptance(self, changes):
        self.ensure_one()
        self.customer_acceptance_state = "pending"
        items = Markup("").join(Markup("<li>%s</li>") % escape(change) for change in changes)
        body = Markup("<p>%s</p>") % _(
            "The estimate of your repair %(name)s changed and needs your acceptance again. "
            "The total is now %(new)s (you accepted %(old)s).",
            name=self.name,
            new=format_amount(self.env, self.estimate_amount, self.currency_id),
            old=format_amount(self.env, self.accepted_amount, self.currency_id),
        )
        if items:
            body += Markup("<ul>%s</ul>") % items
        self.message_post(
            body=body,
            partner_ids=self.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _aftersales_amount_in_words(self, amount):
        """The amount in words in the customer's language (the Chinese uppercase RMB form for
        Chinese), for the quotation and the settlement."""
        self.ensure_one()
        lang = self.partner_id.lang or self.env.lang or "en_US"
        return self.currency_id._aftersales_amount_to_words(amount, lang)
