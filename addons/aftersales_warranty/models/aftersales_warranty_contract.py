# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class AftersalesWarrantyContract(models.Model):
    """A maintenance contract (readme/CONFIGURE.md, "Maintenance contracts"): for a period, the
    customer's serials (or products) are repaired for what the contract includes; its fee is
    invoiced through a sale order. One month before the end the customer is reminded."""

    _name = "aftersales.warranty.contract"
    _description = "Maintenance Contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default=lambda self: _("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        default=lambda self: self.env.user,
        tracking=True,
        help="Gets the activity to renew the contract.",
    )
    lot_ids = fields.Many2many(
        "stock.lot",
        string="Serials Covered",
        check_company=True,
        help="Leave empty to cover every unit of the customer.",
    )
    product_ids = fields.Many2many(
        "product.product",
        string="Products Covered",
        help="Units or parts covered. A unit covers all its parts; leave empty to cover "
        "everything.",
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    date_end = fields.Date(string="End", required=True, index=True, tracking=True)
    include_parts = fields.Boolean(string="Parts Included", default=True)
    include_labour = fields.Boolean(string="Labour Included", default=True)
    visits_per_year = fields.Integer(
        string="Visits per Year",
        default=2,
        help="On-site visits included in each contract year (counted from the start date).",
    )
    visits_used = fields.Integer(
        string="Visits This Year",
        compute="_compute_visits",
        help="On-site repairs of the covered units in the current contract year (cancelled "
        "ones not counted).",
    )
    visits_left = fields.Integer(compute="_compute_visits")
    fee_product_id = fields.Many2one(
        "product.product",
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
        check_company=True,
    )
    fee = fields.Monetary(tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    sale_order_id = fields.Many2one(
        "sale.order", string="Fee Sale Order", copy=False, readonly=True, check_company=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("expired", "Expired"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    previous_contract_id = fields.Many2one(
        "aftersales.warranty.contract",
        string="Renewal Of",
        copy=False,
        readonly=True,
        check_company=True,
    )
    next_contract_id = fields.Many2one(
        "aftersales.warranty.contract",
        string="Renewed By",
        copy=False,
        readonly=True,
        check_company=True,
    )
    reminder_sent = fields.Boolean(copy=False, readonly=True)
    note = fields.Html(string="Terms")

    _sql_constraints = [
        ("fee_positive", "CHECK(fee >= 0)", "The fee of a contract cannot be negative."),
        (
            "visits_positive",
            "CHECK(visits_per_year >= 0)",
            "The number of visits per year cannot be negative.",
        ),
    ]

    @api.depends("visits_per_year", "date_start", "date_end", "lot_ids", "product_ids")
    def _compute_visits(self):
        today = fields.Date.context_today(self)
        for contract in self:
            if not contract.id or not contract.date_start or not contract.date_end:
                contract.visits_used = 0
                contract.visits_left = contract.visits_per_year
                continue
            year_start, year_end = contract._visit_year(today)
            # sudo: the count of visits does not depend on which repairs the reader may see
            used = (
                self.env["repair.order"]
                .sudo()
                .search_count(contract._visit_domain(year_start, year_end))
            )
            contract.visits_used = used
            contract.visits_left = max(contract.visits_per_year - used, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end < contract.date_start:
                raise ValidationError(
                    _(
                        "Contract %(contract)s ends on %(end)s, before it starts on %(start)s. "
                        "Set an end date after the start date.",
                        contract=contract.name,
                        end=contract.date_end,
                        start=contract.date_start,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "aftersales.warranty.contract"
                ) or _("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_running(self):
        if any(contract.state in ("running", "expired") for contract in self):
            raise UserError(
                _("A running or expired contract cannot be deleted; cancel it instead.")
            )

    def action_confirm(self):
        """Run the contract and put its fee on a quotation for the customer."""
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    _("Only a draft contract can be confirmed (%(name)s).", name=contract.name)
                )
            if contract.fee and not contract.fee_product_id:
                raise UserError(
                    _(
                        "Choose the fee product of contract %(name)s before confirming it.",
                        name=contract.name,
                    )
                )
        for contract in self.filtered(lambda c: c.fee and not c.sale_order_id):
            contract.sale_order_id = self.env["sale.order"].create(
                contract._prepare_sale_order_vals()
            )
        self.write({"state": "running"})
        return True

    def action_cancel(self):
        self.write({"state": "cancel"})

    def action_draft(self):
        self.write({"state": "draft"})

    def action_renew(self):
        """Create the next contract: same scope, the same duration starting the day after."""
        self.ensure_one()
        if self.next_contract_id:
            raise UserError(
                _(
                    "Contract %(name)s is already renewed by %(next)s.",
                    name=self.name,
                    next=self.next_contract_id.name,
                )
            )
        duration = relativedelta(self.date_end + relativedelta(days=1), self.date_start)
        start = self.date_end + relativedelta(days=1)
        renewal = self.copy(
            {
                "date_start": start,
                "date_end": start + duration - relativedelta(days=1),
                "previous_contract_id": self.id,
            }
        )
        self.next_contract_id = renewal
        self.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        ).action_feedback(feedback=_("Renewed by %(name)s", name=renewal.name))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": renewal.id,
            "view_mode": "form",
        }

    def action_view_visits(self):
        """The on-site repairs counted as visits of the current contract year."""
        self.ensure_one()
        year_start, year_end = self._visit_year(fields.Date.context_today(self))
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "Visits of %(name)s, %(start)s to %(end)s",
                name=self.name,
                start=year_start,
                end=year_end,
            ),
            "res_model": "repair.order",
            "view_mode": "list,form",
            "domain": self._visit_domain(year_start, year_end),
            "context": {"create": False},
        }

    def action_view_sale_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id._filtered_access("read").id,
            "view_mode": "form",
        }

    def _prepare_sale_order_vals(self):
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "user_id": self.user_id.id,
            "origin": self.name,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.fee_product_id.id,
                        "name": _(
                            "Maintenance contract %(name)s, %(start)s to %(end)s",
                            name=self.name,
                            start=self.date_start,
                            end=self.date_end,
                        ),
                        "product_uom_qty": 1.0,
                        "price_unit": self.fee,
                    }
                )
            ],
        }

    def _visit_year(self, date):
        """(first day, last day) of the contract year holding ``date``: years counted from
        the start date, the last one ending with the contract."""
        self.ensure_one()
        date = min(max(date, self.date_start), self.date_end)
        start = self.date_start + relativedelta(years=relativedelta(date, self.date_start).years)
        return start, min(start + relativedelta(years=1, days=-1), self.date_end)

    @api.model
    def _find_for_visit(self, repair, date):
        """The running contract of the repair's company covering the visit of ``repair`` on
        ``date``: its serial (or the customer's units), the unit or one of its parts."""
        partner = repair.partner_id.commercial_partner_id
        running = self._find_running(repair.lot_id, partner, date, date).filtered(
            lambda contract: contract.company_id == repair.company_id
        )
        for product in repair.product_id | repair.move_ids.product_id:
            contract = running._match(repair.lot_id, product, partner, date)
            if contract:
                return contract
        return self.browse()

    def _visit_domain(self, date_from, date_to):
        """Repairs counted as visits of this contract between the dates (included): on-site
        repairs of its serials (or of the customer's units), of its products when it names
        some (the unit or a part line), not cancelled."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("service_mode", "=", "on_site"),
            ("state", "!=", "cancel"),
            ("schedule_date", ">=", datetime.combine(date_from, time.min)),
            ("schedule_date", "<", datetime.combine(date_to + relativedelta(days=1), time.min)),
        ]
        if self.lot_ids:
            domain.append(("lot_id", "in", self.lot_ids.ids))
        else:
            domain.append(("partner_id.commercial_partner_id", "=", self.commercial_partner_id.id))
        if self.product_ids:
            domain += [
                "|",
                ("product_id", "in", self.product_ids.ids),
                ("move_ids.product_id", "in", self.product_ids.ids),
            ]
        return domain

    @api.model
    def _find_running(self, lots, partners, date_from, date_to):
        """Running contracts that may cover ``lots`` (by serial or by customer) between the
        dates; one query (plus one per many2many field read later, batched)."""
        contracts = self.search(
            [
                ("state", "=", "running"),
                ("date_start", "<=", date_to),
                ("date_end", ">=", date_from),
                "|",
                ("lot_ids", "in", lots.ids),
                ("commercial_partner_id", "in", partners.ids),
            ]
        )
        contracts.mapped("lot_ids")
        contracts.mapped("product_ids")
        return contracts

    def _match(self, lot, product, partner, date):
        """The first of these contracts covering ``product`` of serial ``lot`` (customer
        ``partner``) on ``date``."""
        for contract in self:
            if not contract.date_start <= date <= contract.date_end:
                continue
            if contract.lot_ids:
                if lot not in contract.lot_ids:
                    continue
            elif not partner or contract.commercial_partner_id != partner:
                continue
            if (
                contract.product_ids
                and product not in contract.product_ids
                and lot.product_id not in contract.product_ids
            ):
                continue
            return contract
        return self.browse()

    @api.model
    def _cron_renewal_reminder(self):
        """Daily: remind the customer (email) and the salesperson (activity) of contracts
        ending within the company's notice period; expire ended contracts. Idempotent."""
        today = fields.Date.context_today(self)
        self.search([("state", "=", "running"), ("date_end", "<", today)]).write(
            {"state": "expired"}
        )
        template = self.env.ref(
            "aftersales_warranty.mail_template_contract_renewal", raise_if_not_found=False
        )
        to_remind = self.browse()
        for company in self.env["res.company"].search([]):
            limit = today + relativedelta(months=company.aftersales_contract_reminder_months)
            to_remind |= self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "running"),
                    ("reminder_sent", "=", False),
                    ("next_contract_id", "=", False),
                    ("date_end", "<=", limit),
                ]
            )
        for contract in to_remind:
            if template:
                contract.message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment", message_type="comment"
                )
            salesperson = contract.user_id or self.env.user
            # the salesperson's task in the salesperson's language
            user_env = contract.with_context(lang=salesperson.lang or self.env.lang).env
            contract.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=contract.date_end,
                summary=user_env._("Renew the maintenance contract"),
                note=user_env._(
                    "Contract %(name)s of %(customer)s ends on %(end)s: propose the renewal.",
                    name=contract.name,
                    customer=contract.partner_id.display_name,
                    end=contract.date_end,
                ),
                user_id=salesperson.id,
            )
        to_remind.write({"reminder_sent": True})
        return True
