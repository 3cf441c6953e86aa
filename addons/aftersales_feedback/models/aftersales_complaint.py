# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

CATEGORIES = [
    ("product_quality", "Product quality"),
    ("packaging_damage", "Packaging or transport damage"),
    ("staff_attitude", "Staff attitude"),
    ("dealer", "Dealer or retailer"),
    ("delivery_delay", "Delivery delay"),
    ("quantity_short", "Quantity short"),
    ("price", "Price"),
    ("other", "Other"),
]


class AftersalesComplaint(models.Model):
    _name = "aftersales.complaint"
    _description = "Customer Complaint or Suggestion"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.sla.mixin"]
    _order = "reported_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/", index=True
    )
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(
        [("complaint", "Complaint"), ("suggestion", "Suggestion"), ("enquiry", "Enquiry")],
        required=True,
        default="complaint",
        tracking=True,
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "Email"),
            ("walk_in", "Walk-in"),
            ("letter", "Letter"),
            ("portal", "Website / portal"),
            ("dealer", "Dealer"),
            ("feedback", "Feedback form"),
            ("callback", "Callback"),
        ],
        required=True,
        default="phone",
    )
    category = fields.Selection(
        CATEGORIES, string="Subject Category", required=True, default="other", tracking=True
    )
    severity = fields.Selection(
        [("normal", "Normal"), ("serious", "Serious"), ("critical", "Critical")],
        required=True,
        default="normal",
        tracking=True,
    )
    severity_reason = fields.Selection(
        [("safety", "Safety"), ("media", "Media"), ("legal", "Legal"), ("other", "Other")],
    )
    state = fields.Selection(
        [("new", "New"), ("acknowledged", "Acknowledged"), ("closed", "Closed")],
        default="new",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    reported_date = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        help="Whoever first receives the complaint owns it until they hand it over "
        "explicitly, with a reason (first-responder rule).",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Responsible Team",
        compute="_compute_route",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        index=True,
    )
    responsible_user_id = fields.Many2one(
        "res.users",
        string="Handled By",
        compute="_compute_route",
        store=True,
        readonly=False,
        precompute=True,
    )
    # links
    partner_id = fields.Many2one(
        "res.partner", string="Customer", tracking=True, index=True, ondelete="restrict"
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    email_from = fields.Char(string="Email")
    sale_order_id = fields.Many2one("sale.order", check_company=True, index="btree_not_null")
    invoice_id = fields.Many2one(
        "account.move",
        check_company=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_refund'))]",
        index="btree_not_null",
    )
    repair_id = fields.Many2one("repair.order", check_company=True, index="btree_not_null")
    product_id = fields.Many2one("product.product", index="btree_not_null", check_company=True)
    product_tmpl_id = fields.Many2one(
        related="product_id.product_tmpl_id", store=True, index="btree_not_null"
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        domain="[('product_id', '=?', product_id)]",
        check_company=True,
        ondelete="restrict",
    )
    technician_id = fields.Many2one(
        "res.users",
        string="Technician Concerned",
        compute="_compute_technician_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Delivery",
        check_company=True,
        domain="[('picking_type_code', '=', 'outgoing'), ('state', '=', 'done')]",
    )
    created_repair_ids = fields.One2many("repair.order", "aftersales_complaint_id")
    return_picking_ids = fields.One2many("stock.picking", "aftersales_complaint_id")
    feedback_request_id = fields.Many2one(
        "aftersales.feedback.request", readonly=True, check_company=True
    )
    # deadlines: the service-level targets of the request (aftersales_sla)
    acknowledge_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, string="Acknowledge By"
    )
    answer_deadline = fields.Datetime(compute="_compute_deadlines", store=True, string="Answer By")
    callback_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, string="Call Back By"
    )
    called_back_date = fields.Datetime(string="Called Back On", readonly=True, copy=False)
    acknowledged_date = fields.Datetime(readonly=True, copy=False)
    closed_date = fields.Datetime(string="Answered On", readonly=True, copy=False)
    answer_hours = fields.Float(
        string="Hours to Answer", readonly=True, copy=False, aggregator="avg"
    )
    answered_late = fields.Boolean(readonly=True, copy=False)
    # serious complaints
    deputy_gm_notified = fields.Boolean(string="Deputy GM Notified", readonly=True, copy=False)
    branch_head_contact = fields.Selection([("visit", "Visit"), ("call", "Call")], tracking=True)
    branch_head_contact_date = fields.Date(string="Branch Head Contact On")
    branch_head_user_id = fields.Many2one("res.users", string="Branch Head")
    branch_head_note = fields.Text(string="Branch Head Notes")
    # closing
    answer = fields.Text(string="Answer to the Customer")
    answer_method = fields.Selection(
        [("letter", "Letter"), ("email", "Email"), ("phone", "Phone"), ("visit", "Visit")],
        string="Answer Given By",
    )
    customer_reaction = fields.Text()
    root_cause = fields.Text()
    corrective_action = fields.Text()
    compensation_amount = fields.Monetary(aggregator="sum")
    currency_id = fields.Many2one(related="company_id.currency_id")
    reopen_count = fields.Integer(string="Reopened", readonly=True, copy=False, aggregator="sum")
    # suggestions
    reward_suggested = fields.Boolean(string="Marked for Reward", tracking=True)
    reward_note = fields.Text()
    # smart buttons
    created_repair_count = fields.Integer(compute="_compute_link_counts")
    return_picking_count = fields.Integer(compute="_compute_link_counts")

    _sql_constraints = [
        (
            "compensation_positive",
            "CHECK(compensation_amount >= 0)",
            "A compensation cannot be negative.",
        ),
    ]

    @api.depends("category", "company_id")
    def _compute_route(self):
        routes = self.env["aftersales.complaint.route"].search(
            [("company_id", "in", self.company_id.ids + [False])]
        )
        for complaint in self:
            route = routes.filtered(
                lambda r, c=complaint: (
                    r.category == c.category
                    and r.company_id in (c.company_id, self.env["res.company"])
                )
            )[:1]
            complaint.team_id = route.team_id
            complaint.responsible_user_id = route.user_id

    @api.depends("repair_id")
    def _compute_technician_id(self):
        for complaint in self:
            complaint.technician_id = complaint.repair_id.user_id or complaint.technician_id

    @api.depends(
        "sla_deadline_ids.target_kind",
        "sla_deadline_ids.deadline_datetime",
        "sla_deadline_ids.res_model",
    )
    def _compute_deadlines(self):
        for complaint in self:
            deadlines = {
                deadline.target_kind: deadline.deadline_datetime
                for deadline in complaint.sla_deadline_ids
                if deadline.res_model == complaint._name
            }
            complaint.acknowledge_deadline = deadlines.get("forward", False)
            complaint.answer_deadline = deadlines.get(
                "enquiry_answer" if complaint.kind == "enquiry" else "complaint_answer", False
            )
            complaint.callback_deadline = deadlines.get("callback", False)

    def _compute_link_counts(self):
        for complaint in self:
            complaint.created_repair_count = len(complaint.created_repair_ids)
            complaint.return_picking_count = len(complaint.return_picking_ids)

    @api.constrains("subject")
    def _check_subject(self):
        if any(not (complaint.subject or "").strip() for complaint in self):
            raise ValidationError(_("Give the complaint a subject: it cannot be blank."))

    @api.onchange("repair_id")
    def _onchange_repair_id(self):
        repair = self.repair_id
        if repair:
            self.partner_id = self.partner_id or repair.partner_id
            self.product_id = self.product_id or repair.product_id
            self.lot_id = self.lot_id or repair.lot_id

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id and not self.partner_id:
            self.partner_id = self.sale_order_id.partner_id

    @api.onchange("invoice_id")
    def _onchange_invoice_id(self):
        if self.invoice_id and not self.partner_id:
            self.partner_id = self.invoice_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id"))
                seq = self.env["ir.sequence"].with_company(company or self.env.company)
                vals["name"] = seq.next_by_code("aftersales.complaint") or _("New")
        complaints = super().create(vals_list)
        for complaint in complaints:
            # the gateway or a public visitor is nobody: the routed user then owns it
            owner = complaint.user_id
            if not owner or owner._is_superuser() or owner._is_public():
                # sudo: the owner is set by this routing and the hand-over only (write
                # refuses it to users)
                complaint.sudo().user_id = complaint.responsible_user_id
        complaints.filtered(lambda c: c.severity != "normal")._notify_deputy_gm()
        return complaints

    def write(self, vals):
        # the owner changes only by the hand-over (`_handover`, with its reason); the
        # superuser may (a data fix)
        if "user_id" in vals and not self.env.su:
            if any(c.user_id and c.user_id.id != vals["user_id"] for c in self):
                raise UserError(
                    _(
                        "The person who first received a complaint owns it. Use "
                        "“Hand Over” and give a reason to pass it to someone else."
                    )
                )
        res = super().write(vals)
        if "reported_date" in vals:
            # the clock of the request's targets starts when it was received
            Deadline = self.env["aftersales.sla.deadline"].sudo()
            for complaint in self:
                opened = Deadline.search(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "=", complaint.id),
                        ("met_datetime", "=", False),
                    ]
                )
                opened.write({"start_datetime": complaint.reported_date})
                opened._sla_replan()
        if vals.get("severity") in ("serious", "critical"):
            self.filtered(lambda c: not c.deputy_gm_notified)._notify_deputy_gm()
        return res

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = {
            "subject": msg_dict.get("subject") or _("(no subject)"),
            "description": msg_dict.get("body"),
            "email_from": msg_dict.get("email_from") or msg_dict.get("from"),
            "partner_id": msg_dict.get("author_id") or False,
            "channel": "email",
            "user_id": False,
        }
        values.update(custom_values or {})
        return super(AftersalesComplaint, self.with_context(default_user_id=False)).message_new(
            msg_dict, custom_values=values
        )

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        for complaint in self:
            if complaint.partner_id:
                complaint._message_add_suggested_recipient(
                    recipients, partner=complaint.partner_id, reason=_("Customer")
                )
        return recipients

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(complaint.state == "closed" for complaint in self):
            raise UserError(_("A closed complaint is evidence and cannot be deleted."))

    def action_acknowledge(self):
        for complaint in self:
            if complaint.state != "new":
                raise UserError(
                    _("%(name)s is already acknowledged.", name=complaint.display_name)
                )
        now = fields.Datetime.now()
        self.write({"state": "acknowledged", "acknowledged_date": now})
        self.env["aftersales.sla.deadline"]._sla_meet(self, "forward", when=now)
        return True

    def action_call_back(self):
        """The service department called the customer back (000 §1.2)."""
        now = fields.Datetime.now()
        for complaint in self:
            if complaint.state == "closed" or complaint.called_back_date:
                raise UserError(
                    _(
                        "%(name)s: the customer was already called back or the request is closed.",
                        name=complaint.display_name,
                    )
                )
        self.write({"called_back_date": now})
        self.env["aftersales.sla.deadline"]._sla_meet(self, "callback", when=now)
        return True

    def action_close(self):
        for complaint in self:
            missing = complaint._missing_closing_fields()
            if missing:
                raise UserError(
                    _(
                        "To close %(name)s, record first: %(fields)s.",
                        name=complaint.display_name,
                        fields=", ".join(missing),
                    )
                )
        now = fields.Datetime.now()
        for complaint in self:
            complaint.write(
                {
                    "state": "closed",
                    "closed_date": now,
                    "acknowledged_date": complaint.acknowledged_date or now,
                    "answer_hours": (now - complaint.reported_date).total_seconds() / 3600.0,
                    "answered_late": bool(
                        complaint.answer_deadline and now > complaint.answer_deadline
                    ),
                }
            )
        Deadline = self.env["aftersales.sla.deadline"]
        for kind in ("forward", "enquiry_answer", "complaint_answer"):
            Deadline._sla_meet(self, kind, when=now)
        self.activity_ids.action_feedback(feedback=_("Complaint closed."))
        guided = self.filtered(lambda c: c.kind == "enquiry" and c.answer_method == "phone")
        if guided:
            # phone guidance: the callback 2 hours later is created at once, not by the
            # next daily run; the scheduler is system bookkeeping (callbacks of others)
            callbacks = self.env["aftersales.callback"].sudo()
            plans = (
                self.env["aftersales.callback.plan"]
                .sudo()
                .search([("trigger", "=", "phone_guidance"), ("step_ids", "!=", False)])
            )
            for plan in plans:
                callbacks._generate_for_plan(plan, source_ids=("enquiry", guided.ids))
        return True

    def action_reopen(self):
        for complaint in self:
            if complaint.state != "closed":
                raise UserError(_("Only a closed complaint can be reopened."))
            complaint.write(
                {
                    "state": "acknowledged",
                    "closed_date": False,
                    "reopen_count": complaint.reopen_count + 1,
                }
            )
        return True

    def action_open_handover(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Hand Over Complaint"),
            "res_model": "aftersales.complaint.handover",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_create_repair(self):
        self.ensure_one()
        if not self.product_id:
            raise UserError(_("Set the product of the complaint before creating a repair."))
        repair = self.env["repair.order"].create(
            {
                "partner_id": self.partner_id.id,
                "product_id": self.product_id.id,
                "lot_id": self.lot_id.id,
                "company_id": self.company_id.id,
                "internal_notes": self.subject,
                "aftersales_complaint_id": self.id,
            }
        )
        self.message_post(body=_("Repair %(name)s created from this complaint.", name=repair.name))
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": repair.id,
            "view_mode": "form",
        }

    def _find_delivery(self):
        self.ensure_one()
        if self.picking_id:
            return self.picking_id
        domain = [
            ("picking_type_code", "=", "outgoing"),
            ("state", "=", "done"),
            ("company_id", "=", self.company_id.id),
        ]
        if self.partner_id:
            domain.append(("partner_id", "child_of", self.partner_id.commercial_partner_id.id))
        if self.sale_order_id:
            domain.append(("origin", "=", self.sale_order_id.name))
        if self.product_id:
            domain.append(("move_ids.product_id", "=", self.product_id.id))
        if self.lot_id:
            domain.append(("move_line_ids.lot_id", "=", self.lot_id.id))
        return self.env["stock.picking"].search(domain, order="date_done desc", limit=1)

    def action_create_return(self):
        self.ensure_one()
        picking = self._find_delivery()
        if not picking:
            raise UserError(
                _(
                    "No delivery to return was found for %(name)s: set the delivery on the "
                    "complaint, or create a repair instead.",
                    name=self.display_name,
                )
            )
        self.picking_id = picking
        # Odoo's return of the delivery, made for this complaint (the return is linked to it)
        wizard = self.env["stock.return.picking"].create(
            {"picking_id": picking.id, "aftersales_complaint_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Return from Complaint"),
            "res_model": "stock.return.picking",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_view_created_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("repair.action_repair_order_tree")
        action["domain"] = [("id", "in", self.created_repair_ids.ids)]
        return action

    def action_view_returns(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("id", "in", self.return_picking_ids.ids)]
        action["context"] = {}
        return action

    def _missing_closing_fields(self):
        self.ensure_one()
        labels = self._fields
        required = ["answer", "answer_method"]
        if self.kind == "complaint":
            required += ["customer_reaction", "root_cause", "corrective_action"]
        if self.severity != "normal":
            required += ["branch_head_contact", "branch_head_contact_date"]
        return [labels[f].get_description(self.env)["string"] for f in required if not self[f]]

    def _notify_deputy_gm(self):
        """Serious and critical complaints reach the deputy GM at once (readme/CONFIGURE.md,
        "Serious complaints")."""
        group = self.env.ref("aftersales_repair.aftersales_group_deputy_gm")
        # reading the group's members is not a right of a salesperson: sudo to find them
        deputies = group.sudo().users.filtered(lambda u: u.active and not u.share)
        todo = self.env.ref("mail.mail_activity_data_todo")
        for complaint in self:
            people = deputies.filtered(lambda u, c=complaint: c.company_id in u.company_ids)
            complaint.message_subscribe(partner_ids=people.partner_id.ids)
            complaint.message_post(
                body=_(
                    "%(severity)s complaint %(name)s: the deputy general manager is notified, "
                    "and the branch head must visit or call the customer.",
                    severity=dict(complaint._fields["severity"].selection)[complaint.severity],
                    name=complaint.name,
                ),
                partner_ids=people.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            if people:
                self.env["mail.activity"].sudo().create(
                    [
                        {
                            "res_model_id": self.env["ir.model"]._get_id(self._name),
                            "res_id": complaint.id,
                            "activity_type_id": todo.id,
                            "user_id": user.id,
                            # each person's task in their language
                            "summary": complaint.with_context(
                                lang=user.lang or self.env.lang
                            ).env._("Serious complaint: review at once"),
                            "date_deadline": fields.Date.context_today(self),
                        }
                        for user in people
                    ]
                )
        self.write({"deputy_gm_notified": True})

    def _handover(self, new_user, reason):
        if not new_user:
            raise UserError(_("Choose the person who takes the complaint over."))
        if not (reason or "").strip():
            raise UserError(_("Give the reason of the hand-over."))
        for complaint in self:
            if new_user == complaint.user_id:
                raise UserError(
                    _("%(user)s already owns this complaint.", user=new_user.display_name)
                )
            complaint.check_access("write")
            # the note first: the former owner may no longer see the complaint once handed
            # over
            complaint.message_post(
                body=_(
                    "Handed over from %(old)s to %(new)s. Reason: %(reason)s",
                    old=complaint.user_id.display_name or _("nobody"),
                    new=new_user.display_name,
                    reason=reason,
                ),
                partner_ids=new_user.partner_id.ids,
            )
            # sudo: write refuses the owner to users (the hand-over is the way to change it);
            # the user's right to change the complaint is checked above
            complaint.sudo().user_id = new_user
        return True

    @api.model
    # service-level targets (aftersales_sla)
    def _sla_auto_kinds(self):
        return ("forward", "enquiry_answer", "complaint_answer", "callback")

    def _sla_trigger_fields(self):
        return ("company_id", "kind", "partner_id", "team_id")

    def _sla_values(self):
        result = super()._sla_values()
        for complaint in self:
            values = result[complaint.id]
            answer = "enquiry_answer" if complaint.kind == "enquiry" else "complaint_answer"
            values.update(
                start_datetime=complaint.reported_date,
                team_id=complaint.team_id.id,
                target_kinds=("forward", "callback", answer),
            )
        return result

    def _get_link_action(self, domain, defaults):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_feedback.aftersales_complaint_action"
        )
        action["domain"] = domain
        action["context"] = dict(defaults)
        return action
