# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare


class AftersalesRepairCollection(models.Model):
    """Money a technician collected on site for a repair (readme/CONFIGURE.md, "On-site
    collections"): recorded by the technician, handed to the accountant within a delay, who
    registers it as an Odoo payment reconciled with the repair's invoice (or left on the customer
    until the invoice comes)."""

    _name = "aftersales.repair.collection"
    _description = "On-Site Collection"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.overdue.mixin"]
    _overdue_date_fields = ("date_due",)
    _overdue_open_domain = [("state", "=", "collected")]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Receipt Number",
        required=True,
        copy=False,
        tracking=True,
        help="Number of the receipt handed to the customer; unique in the company.",
    )
    repair_id = fields.Many2one(
        "repair.order",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        related="repair_id.partner_id", store=True, index=True, string="Customer"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    technician_id = fields.Many2one(
        "res.users",
        string="Collected By",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    date = fields.Date(
        string="Collected On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    amount = fields.Monetary(required=True, tracking=True)
    method = fields.Selection(
        [("cash", "Cash"), ("card", "Card"), ("transfer", "Bank Transfer"), ("cheque", "Cheque")],
        string="Payment Method",
        required=True,
        default="cash",
        tracking=True,
    )
    date_due = fields.Date(
        string="Hand Over By",
        compute="_compute_date_due",
        store=True,
        help="The technician hands the money to the accountant by this date.",
    )
    state = fields.Selection(
        [("collected", "Collected"), ("registered", "Handed Over"), ("cancel", "Cancelled")],
        string="Status",
        required=True,
        default="collected",
        copy=False,
        tracking=True,
        index=True,
    )
    journal_id = fields.Many2one(
        "account.journal",
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        check_company=True,
        domain="[('type', 'in', ('cash', 'bank'))]",
        help="Journal of the payment registered when the money is handed over.",
    )
    invoice_id = fields.Many2one(
        "account.move",
        copy=False,
        check_company=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', commercial_partner_id)]",
        tracking=True,
        help="Invoice the payment is reconciled with. Left empty, the repair's open invoice is "
        "used; without one the payment stays on the customer until the invoice comes.",
    )
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id")
    payment_id = fields.Many2one(
        "account.payment", copy=False, readonly=True, tracking=True, ondelete="restrict"
    )
    payment_reconciled = fields.Boolean(
        string="Reconciled with Invoice",
        compute="_compute_payment_reconciled",
        compute_sudo=True,
        help="The payment is matched with an invoice of the customer.",
    )
    date_handed_over = fields.Date(string="Handed Over On", copy=False, readonly=True)
    note = fields.Text()

    _sql_constraints = [
        (
            "name_company_uniq",
            "UNIQUE(name, company_id)",
            "This receipt number is already used by another on-site collection of the company; "
            "check the receipt book and enter the number printed on this receipt.",
        ),
    ]

    @api.depends("date", "company_id.aftersales_collection_handover_days")
    def _compute_date_due(self):
        for collection in self:
            days = collection.company_id.aftersales_collection_handover_days or 30
            collection.date_due = collection.date and collection.date + timedelta(days=days)

    @api.depends("method", "company_id")
    def _compute_journal_id(self):
        journals = self.env["account.journal"]
        found = {}
        for collection in self:
            company = collection.company_id or self.env.company
            journal_type = "cash" if collection.method == "cash" else "bank"
            if collection.journal_id.type == journal_type:
                continue
            if (company, journal_type) not in found:
                found[company, journal_type] = journals.search(
                    [*journals._check_company_domain(company), ("type", "=", journal_type)],
                    limit=1,
                )
            collection.journal_id = found[company, journal_type]

    @api.depends("payment_id.reconciled_invoice_ids")
    def _compute_payment_reconciled(self):
        for collection in self:
            collection.payment_reconciled = bool(collection.payment_id.reconciled_invoice_ids)

    @api.constrains("amount")
    def _check_amount(self):
        for collection in self:
            if float_compare(collection.amount, 0.0, precision_rounding=0.001) <= 0:
                raise ValidationError(
                    _(
                        "The amount collected on site for receipt %(receipt)s must be positive; "
                        "enter the amount written on the receipt.",
                        receipt=collection.name,
                    )
                )

    def write(self, vals):
        locked = {"amount", "repair_id", "date", "name", "method"}
        if locked & set(vals) and any(c.state == "registered" for c in self):
            raise UserError(
                _(
                    "A collection handed over to the accountant cannot be changed; "
                    "reverse its payment with the accountant instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        if self:
            raise UserError(
                _("Collected cash is evidence and cannot be deleted; cancel the collection.")
            )

    def action_register_payment(self):
        """Confirm the money was handed over: register it as an Odoo payment, reconciled with
        the repair's invoice when there is one, else left on the customer."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(
                _("Only an accountant (Invoicing) can register on-site collections as payments.")
            )
        payments = self.env["account.payment"]
        for collection in self:
            collection._check_can_register()
            invoice = collection._get_invoice_to_reconcile()
            if invoice:
                payment = collection._register_on_invoice(invoice)
            else:
                payment = collection._register_on_customer()
            collection.write(
                {
                    "state": "registered",
                    "payment_id": payment.id,
                    "invoice_id": invoice.id,
                    "date_handed_over": fields.Date.context_today(collection),
                }
            )
            collection.activity_unlink(
                ["aftersales_repair.mail_activity_type_collection_handover"]
            )
            payments |= payment
        if len(self) == 1:
            return self.action_open_payment()
        return True

    def action_reconcile_invoice(self):
        """Match a payment registered before the invoice existed with the invoice now posted."""
        for collection in self:
            if collection.state != "registered" or collection.payment_reconciled:
                continue
            invoice = collection._get_invoice_to_reconcile()
            if not invoice:
                raise UserError(
                    _(
                        "Repair %(repair)s has no posted invoice left to pay; post the invoice "
                        "first.",
                        repair=collection.repair_id.name,
                    )
                )
            collection._aftersales_reconcile_payment(invoice)
        return True

    def action_cancel(self):
        if any(collection.state == "registered" for collection in self):
            raise UserError(
                _(
                    "A collection already registered as a payment cannot be cancelled; "
                    "ask the accountant to reverse the payment."
                )
            )
        self.write({"state": "cancel"})
        return True

    def action_open_payment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.payment",
            "views": [[False, "form"]],
            "res_id": self.payment_id._filtered_access("read").id,
        }

    def action_open_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "views": [[False, "form"]],
            "res_id": self.invoice_id._filtered_access("read").id,
        }

    def _check_can_register(self):
        self.ensure_one()
        if self.state == "registered" or self.payment_id:
            raise UserError(
                _(
                    "Collection %(receipt)s is already registered as payment %(payment)s; "
                    "it cannot be registered twice.",
                    receipt=self.name,
                    payment=self.payment_id.display_name,
                )
            )
        if self.state == "cancel":
            raise UserError(
                _(
                    "Collection %(receipt)s is cancelled; it cannot be registered.",
                    receipt=self.name,
                )
            )
        if not self.partner_id:
            raise UserError(
                _(
                    "Repair %(repair)s has no customer; set the customer before registering "
                    "collection %(receipt)s.",
                    repair=self.repair_id.name,
                    receipt=self.name,
                )
            )
        if not self.journal_id:
            raise UserError(
                _(
                    "Choose the cash or bank journal receiving collection %(receipt)s.",
                    receipt=self.name,
                )
            )
        if self.invoice_id.state == "cancel":
            raise UserError(
                _(
                    "Invoice %(invoice)s is cancelled: register collection %(receipt)s on the "
                    "invoice that replaces it, or clear the invoice to leave the payment on the "
                    "customer.",
                    invoice=self.invoice_id.display_name,
                    receipt=self.name,
                )
            )
        if self.invoice_id and self.invoice_id.state != "posted":
            raise UserError(
                _(
                    "Invoice %(invoice)s is not posted yet; post it before registering "
                    "collection %(receipt)s on it.",
                    invoice=self.invoice_id.display_name,
                    receipt=self.name,
                )
            )

    def _get_invoice_to_reconcile(self):
        """The invoice chosen on the collection, else the repair's first open invoice."""
        self.ensure_one()
        if self.invoice_id:
            return self.invoice_id if self.invoice_id.amount_residual else self.invoice_id[:0]
        invoices = self.repair_id._aftersales_posted_invoices().filtered(
            lambda move: move.move_type == "out_invoice" and move.amount_residual
        )
        return invoices.sorted(lambda move: (move.invoice_date or move.date, move.id))[:1]

    def _register_on_invoice(self, invoice):
        self.ensure_one()
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "amount": self.amount,
                    "payment_date": self.date,
                    "journal_id": self.journal_id.id,
                    "communication": self._payment_memo(),
                    "payment_difference_handling": "open",
                }
            )
        )
        return wizard._create_payments()

    def _register_on_customer(self):
        self.ensure_one()
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.partner_id.commercial_partner_id.id,
                "amount": self.amount,
                "currency_id": self.currency_id.id,
                "date": self.date,
                "journal_id": self.journal_id.id,
                "memo": self._payment_memo(),
                "company_id": self.company_id.id,
            }
        )
        payment.action_post()
        return payment

    def _aftersales_reconcile_payment(self, invoice):
        """Reconcile the receivable line of the collection's payment with ``invoice``."""
        self.ensure_one()
        lines = self.payment_id.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        for line in lines:
            invoice.js_assign_outstanding_line(line.id)
        self.invoice_id = invoice

    def _payment_memo(self):
        return _(
            "%(repair)s - on-site receipt %(receipt)s",
            repair=self.repair_id.name,
            receipt=self.name,
        )

    @api.model
    def _aftersales_reconcile_new_invoices(self, invoices):
        """When a repair's invoice is posted, match it with the on-site collections of the
        repair already registered as payments on the customer."""
        # sudo: matching is a consequence of posting the invoice, whoever posts it; only
        # collections of the repairs of these invoices are touched.
        orders = invoices.sudo().invoice_line_ids.sale_line_ids.order_id
        if not orders:
            return
        collections = (
            self.sudo()
            .search(
                [
                    ("state", "=", "registered"),
                    ("invoice_id", "=", False),
                    ("repair_id.sale_order_id", "in", orders.ids),
                ]
            )
            .filtered(lambda collection: not collection.payment_reconciled)
        )
        for collection in collections:
            repair_invoices = collection.repair_id._aftersales_posted_invoices() & invoices
            if repair_invoices:
                collection._aftersales_reconcile_payment(repair_invoices[0])

    @api.model
    def _cron_overdue_collections(self):
        """Daily: an activity for the technician of every collection not handed over in time
        (one per collection, however often the cron runs)."""
        activity_type = self.env.ref(
            "aftersales_repair.mail_activity_type_collection_handover", raise_if_not_found=False
        )
        if not activity_type:
            return
        overdue = self.search([("is_overdue", "=", True)])
        if not overdue:
            return
        already = {
            res_id
            for (res_id,) in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", overdue.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        for collection in overdue.filtered(lambda c: c.id not in already):
            # the technician's task in the technician's language (the type's summary too)
            user_collection = collection.with_context(
                lang=collection.technician_id.lang or self.env.lang
            )
            user_collection.activity_schedule(
                act_type_xmlid="aftersales_repair.mail_activity_type_collection_handover",
                date_deadline=fields.Date.context_today(collection),
                user_id=collection.technician_id.id,
                note=user_collection.env._(
                    "%(amount)s %(currency)s collected on %(date)s (receipt %(receipt)s, repair "
                    "%(repair)s) was due to the accountant by %(due)s.",
                    amount=collection.amount,
                    currency=collection.currency_id.name,
                    date=collection.date,
                    receipt=collection.name,
                    repair=collection.repair_id.name,
                    due=collection.date_due,
                ),
            )
