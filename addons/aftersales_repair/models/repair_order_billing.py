# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, format_amount


class RepairOrderBilling(models.Model):
    """Billing of a repair: what was estimated, charged, given free, invoiced, paid and
    collected on site, and the reminder for repairs done but not invoiced."""

    # one class per concern of repair.order, one file each (issue 15)
    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    date_repaired = fields.Datetime(
        string="Repaired On",
        compute="_compute_date_repaired",
        store=True,
        copy=False,
        help="When the repair was marked repaired; starts the delay to invoice it.",
    )
    collection_ids = fields.One2many(
        "aftersales.repair.collection", "repair_id", string="On-Site Collections", copy=False
    )
    amount_estimated = fields.Monetary(
        string="Estimated (List Price)",
        compute="_compute_amount_estimated",
        store=True,
        currency_field="currency_id",
        help="Parts and labour of the repair at their list price, untaxed, before coverage.",
    )
    amount_covered = fields.Monetary(
        string="Covered (Sales Value)",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
        help="List price of the parts and labour given free (priced at zero by the warranty, "
        "a contract or goodwill), untaxed.",
    )
    amount_covered_cost = fields.Monetary(
        string="Covered (Cost)",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
        help="Cost of the parts and labour given free, at their standard cost.",
    )
    amount_charged = fields.Monetary(
        string="Charged",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
        help="Total of the repair's sale order lines after coverage, taxes included.",
    )
    amount_invoiced = fields.Monetary(
        string="Invoiced",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
        help="Posted customer invoices of the repair less its credit notes, taxes included.",
    )
    amount_paid = fields.Monetary(
        string="Paid",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
    )
    amount_residual = fields.Monetary(
        string="Amount Due",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
    )
    amount_collected = fields.Monetary(
        string="Collected On Site",
        compute="_compute_amount_collected",
        store=True,
        currency_field="currency_id",
    )
    amount_collected_pending = fields.Monetary(
        string="Collected, Not Handed Over",
        compute="_compute_amount_collected",
        store=True,
        currency_field="currency_id",
    )
    amount_over_collected = fields.Monetary(
        string="Collected Above Charge",
        compute="_compute_amount_over_collected",
        store=True,
        currency_field="currency_id",
        help="Money collected on site beyond what the repair charges: to refund to the "
        "customer or to explain (issue 17).",
    )
    billing_difference = fields.Monetary(
        string="Invoicing Difference",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
        help="Invoiced minus charged: positive when more was invoiced than the sale order "
        "charges, negative when less.",
    )
    billing_difference_details = fields.Text(
        string="Difference Details",
        compute="_compute_billing",
        store=True,
        help="The lines whose invoiced amount differs from the charged amount.",
    )
    billing_status = fields.Selection(
        [
            ("nothing_to_bill", "Nothing to Bill"),
            ("to_invoice", "To Invoice"),
            ("invoiced", "Invoiced"),
            ("partially_paid", "Partially Paid"),
            ("paid", "Paid"),
            ("difference", "Difference"),
        ],
        compute="_compute_billing",
        store=True,
        index=True,
    )
    aftersales_invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        compute="_compute_aftersales_invoice_ids",
        compute_sudo=True,
    )
    aftersales_invoice_count = fields.Integer(
        string="Invoice Count", compute="_compute_aftersales_invoice_ids", compute_sudo=True
    )
    aftersales_payment_ids = fields.Many2many(
        "account.payment",
        string="Payments",
        compute="_compute_aftersales_invoice_ids",
        compute_sudo=True,
    )
    has_overdue_collection = fields.Boolean(
        string="Overdue Collection",
        compute="_compute_has_overdue_collection",
        compute_sudo=True,
        search="_search_has_overdue_collection",
    )
    valuation_line_count = fields.Integer(
        string="Stock Journal Items", compute="_compute_valuation_line_count", compute_sudo=True
    )

    @api.depends("state")
    def _compute_date_repaired(self):
        for repair in self:
            if repair.state != "done":
                repair.date_repaired = False
            elif not repair.date_repaired:
                repair.date_repaired = fields.Datetime.now()

    @api.depends(
        "move_ids.product_id",
        "move_ids.product_qty",
        "move_ids.state",
        "move_ids.repair_line_type",
        "move_ids.is_declined",
        "move_ids.supply_type",
        "labour_ids.product_id",
        "labour_ids.hours",
        "labour_ids.is_declined",
    )
    def _compute_amount_estimated(self):
        for repair in self:
            repair.amount_estimated = sum(
                value for value, __ in repair._aftersales_billing_part_values()
            ) + sum(value for value, __ in repair._aftersales_billing_labour_values())

    @api.depends(
        "under_warranty",
        "service_category",
        "amount_estimated",
        "sale_order_id",
        "move_ids.product_qty",
        "move_ids.state",
        "move_ids.sale_line_id",
        "move_ids.is_declined",
        "move_ids.supply_type",
        "move_ids.repair_price_unit",
        "labour_ids.hours",
        "labour_ids.price_unit",
        "labour_ids.is_declined",
        "labour_ids.sale_line_id",
        "sale_order_id.state",
        "sale_order_id.order_line.price_total",
        "sale_order_id.order_line.price_unit",
        "sale_order_id.order_line.discount",
        "sale_order_id.order_line.invoice_lines.price_total",
        "sale_order_id.order_line.invoice_lines.parent_state",
        "sale_order_id.order_line.invoice_lines.move_id.amount_total",
        "sale_order_id.order_line.invoice_lines.move_id.amount_residual",
    )
    def _compute_billing(self):
        """Charged, covered, invoiced, paid and the billing status of repairs, in batch: the
        sale order lines, invoice lines and invoices of all the repairs are read together."""
        data = self._aftersales_billing_data()
        for repair in self:
            values = data.get(repair.id) or {}
            rounding = repair.currency_id.rounding or 0.01
            charged = values.get("charged", 0.0)
            invoiced = values.get("invoiced", 0.0)
            residual = values.get("residual", 0.0)
            has_invoice = values.get("has_invoice", False)
            difference = invoiced - charged if has_invoice else 0.0
            covered, covered_cost = repair._aftersales_billing_covered()
            if float_is_zero(difference, precision_rounding=rounding):
                difference = 0.0
            status = repair._aftersales_billing_status(
                charged, invoiced, residual, has_invoice, difference, covered
            )
            repair.update(
                {
                    "amount_charged": charged,
                    "amount_invoiced": invoiced,
                    "amount_residual": residual,
                    "amount_paid": invoiced - residual if has_invoice else 0.0,
                    "amount_covered": covered,
                    "amount_covered_cost": covered_cost,
                    "billing_difference": difference,
                    "billing_difference_details": "\n".join(values.get("details", []))
                    if difference
                    else False,
                    "billing_status": status,
                }
            )

    @api.depends(
        "amount_collected",
        "amount_charged",
        "sale_order_id",
        "estimate_amount",
        "service_category",
    )
    def _compute_amount_over_collected(self):
        """Collected beyond the sale order's charge; before any sale order, only a repair
        that charges nothing (not a paid one, or nothing priced) can be over-collected, since
        the taxed charge is not known yet."""
        for repair in self:
            charges_nothing = repair.service_category != "paid" or not repair.estimate_amount
            if repair.sale_order_id or charges_nothing:
                over = repair.amount_collected - repair.amount_charged
            else:
                over = 0.0
            rounding = repair.currency_id.rounding or 0.01
            repair.amount_over_collected = (
                over if float_compare(over, 0.0, precision_rounding=rounding) > 0 else 0.0
            )

    @api.depends("collection_ids.amount", "collection_ids.state")
    def _compute_amount_collected(self):
        groups = self.env["aftersales.repair.collection"]._read_group(
            [("repair_id", "in", self.ids), ("state", "!=", "cancel")],
            ["repair_id", "state"],
            ["amount:sum"],
        )
        collected = defaultdict(float)
        pending = defaultdict(float)
        for repair, state, amount in groups:
            collected[repair.id] += amount
            if state == "collected":
                pending[repair.id] += amount
        for repair in self:
            repair.amount_collected = collected[repair.id]
            repair.amount_collected_pending = pending[repair.id]

    @api.depends(
        "sale_order_id.order_line.invoice_lines.move_id.amount_residual",
        "collection_ids.payment_id",
    )
    def _compute_aftersales_invoice_ids(self):
        for repair in self:
            invoices = repair._aftersales_posted_invoices()
            repair.aftersales_invoice_ids = invoices
            repair.aftersales_invoice_count = len(invoices)
            repair.aftersales_payment_ids = (
                invoices.matched_payment_ids
                | invoices._get_reconciled_payments()
                | repair.collection_ids.payment_id
            )

    @api.depends("collection_ids.date_due", "collection_ids.state")
    def _compute_has_overdue_collection(self):
        overdue = self.env["aftersales.repair.collection"]._read_group(
            [("repair_id", "in", self.ids), ("is_overdue", "=", True)], ["repair_id"]
        )
        overdue_ids = {repair.id for (repair,) in overdue}
        for repair in self:
            repair.has_overdue_collection = repair.id in overdue_ids

    def _search_has_overdue_collection(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(
                _(
                    "Search on '%(field)s' supports only = and != (Yes/No).",
                    field=self._fields["has_overdue_collection"]._description_string(self.env),
                )
            )
        domain = [("collection_ids", "any", [("is_overdue", "=", True)])]
        return domain if (operator == "=") == bool(value) else ["!", *domain]

    def _compute_valuation_line_count(self):
        groups = self.env["account.move.line"]._read_group(
            [("move_id.stock_move_id.repair_id", "in", self.ids)], ["move_id"], ["__count"]
        )
        per_repair = defaultdict(int)
        for move, count in groups:
            per_repair[move.stock_move_id.repair_id.id] += count
        for repair in self:
            repair.valuation_line_count = per_repair[repair.id]

    def action_create_sale_order(self):
        res = super().action_create_sale_order()
        self.labour_ids._aftersales_sync_sale_order_line()
        self.move_ids._aftersales_sync_sale_order_line_price()
        return res

    def action_view_aftersales_invoices(self):
        self.ensure_one()
        # the invoices are computed as superuser: open only those the user may read
        invoices = self.aftersales_invoice_ids._filtered_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        if len(invoices) == 1:
            action.update({"views": [(False, "form")], "res_id": invoices.id})
        else:
            action["domain"] = [("id", "in", invoices.ids)]
        action["context"] = {"create": False}
        return action

    def action_view_aftersales_payments(self):
        self.ensure_one()
        payments = self.aftersales_payment_ids._filtered_access("read")
        action = {
            "type": "ir.actions.act_window",
            "name": _("Payments of %(repair)s", repair=self.name),
            "res_model": "account.payment",
            "context": {"create": False},
        }
        if len(payments) == 1:
            action.update({"views": [(False, "form")], "res_id": payments.id})
        else:
            action.update({"view_mode": "list,form", "domain": [("id", "in", payments.ids)]})
        return action

    def action_view_collections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.aftersales_repair_collection_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def action_view_valuation_lines(self):
        """The journal items of the stock valuation of the repair's parts (warranty cost in
        the books)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Stock Journal Items of %(repair)s", repair=self.name),
            "res_model": "account.move.line",
            "view_mode": "list,form",
            "domain": [
                ("id", "in", self._aftersales_valuation_move_lines()._filtered_access("read").ids)
            ],
            "context": {"create": False, "search_default_group_by_account": 1},
        }

    def action_open_repair_form(self):
        """The repair's form; accountants without an after-sales role get its billing form."""
        self.ensure_one()
        view = False
        if not self.env.user.has_group(
            "aftersales_repair.aftersales_group_technician"
        ) and not self.env.user.has_group("aftersales_repair.aftersales_group_user"):
            view = self.env.ref("aftersales_repair.repair_order_view_form_reconciliation").id
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "views": [(view, "form")],
            "res_id": self.id,
        }

    def _aftersales_billing_part_values(self):
        """(list price value, cost) of each active part line of the repair; the customer's own
        parts are neither given nor charged."""
        self.ensure_one()
        moves = self._aftersales_part_lines().filtered(lambda m: m.supply_type != "customer")
        return [
            (m.product_id.lst_price * m.product_qty, m.product_id.standard_price * m.product_qty)
            for m in moves
        ]

    def _aftersales_billing_labour_values(self):
        """(list price value, cost) of each labour line of the repair."""
        self.ensure_one()
        return [
            (line.product_id.lst_price * line.hours, line.product_id.standard_price * line.hours)
            for line in self.labour_ids
            if not line.is_declined
        ]

    def _aftersales_billing_status(
        self, charged, invoiced, residual, has_invoice, difference, covered
    ):
        """The billing status from the amounts of the repair (see _compute_billing)."""
        self.ensure_one()
        rounding = self.currency_id.rounding or 0.01

        def is_zero(amount):
            return float_is_zero(amount, precision_rounding=rounding)

        if has_invoice:
            if difference:
                return "difference"
            if is_zero(invoiced):
                return "nothing_to_bill"
            if is_zero(residual):
                return "paid"
            if float_compare(residual, invoiced, precision_rounding=rounding) < 0:
                return "partially_paid"
            return "invoiced"
        # charged on the sale order, or billable work without a sale order yet
        billable = not self.sale_order_id and (
            float_compare(self.amount_estimated, covered, precision_rounding=rounding) > 0
        )
        return "to_invoice" if not is_zero(charged) or billable else "nothing_to_bill"

    def _aftersales_billing_covered(self):
        """(sales value, cost) of the parts and labour given free, by the coverage rule
        (_aftersales_line_is_covered)."""
        self.ensure_one()
        covered = cost = 0.0
        for move in self._aftersales_part_lines():
            if self._aftersales_line_is_covered(move):
                covered += move.product_id.lst_price * move.product_qty
                cost += move.product_id.standard_price * move.product_qty
        for line in self.labour_ids.filtered(lambda line: not line.is_declined):
            if self._aftersales_line_is_covered(line):
                covered += line.product_id.lst_price * line.hours
                cost += line.product_id.standard_price * line.hours
        return covered, cost

    def _aftersales_line_is_covered(self, line):
        """The suite's one rule for "is this line covered (given free)", used by the billing
        figures, the settlement and the warranty part requests: whether the company gives
        this part (stock.move) or labour line free of charge. The customer's own part is
        neither given nor charged; a free or internal repair gives every line; Odoo's
        'under warranty' tick gives every line (its quotation lines are priced at zero);
        else a line priced at zero is given: on the repair's sale order when it has one,
        else on the line itself while its product has a price. The warranty add-on adds the
        lines its coverage gives (warranty, contract, goodwill)."""
        self.ensure_one()
        is_part = line._name == "stock.move"
        if is_part and line.supply_type == "customer":
            return False
        if self.service_category in ("free", "internal") or self.under_warranty:
            return True
        sale_line = line.sale_line_id.filtered(lambda sol: sol.state != "cancel")
        if sale_line:
            return bool(
                sale_line.product_uom_qty
                and (self.currency_id.is_zero(sale_line.price_unit) or sale_line.discount >= 100.0)
            )
        own_price = line.repair_price_unit if is_part else line.price_unit
        return bool(self.currency_id.is_zero(own_price) and line.product_id.lst_price)

    def _aftersales_billing_sale_lines(self):
        """{repair id: sale order lines of that repair}. A sale order made for one repair is
        all of it; a sale order shared by several repairs is split by the repair's parts and
        labour lines and the line the repair was created from."""
        orders = self.sale_order_id
        repairs_per_order = {
            order.id: repairs
            for order, repairs in self.env["repair.order"]._read_group(
                [("sale_order_id", "in", orders.ids)], ["sale_order_id"], ["id:recordset"]
            )
        }
        owner = {}
        for repair in self:
            for line in (
                repair.move_ids.sale_line_id
                | repair.labour_ids.sale_line_id
                | repair.sale_order_line_id
            ):
                owner[line.id] = repair.id
        all_lines = orders.order_line
        line_ids = defaultdict(list)
        for line in all_lines:
            if line.display_type:
                continue
            repairs = repairs_per_order.get(line.order_id.id)
            repair_id = owner.get(line.id) or (len(repairs) == 1 and repairs.id)
            if repair_id:
                line_ids[repair_id].append(line.id)
        # keep the prefetch set of all the lines, so that reading them repair by repair
        # fetches the data of all the repairs at once
        return {
            repair_id: all_lines.browse(ids).with_prefetch(all_lines._prefetch_ids)
            for repair_id, ids in line_ids.items()
        }

    def _aftersales_billing_data(self):
        """Charged and invoiced amounts of the repairs, line by line, in batch."""
        result = {}
        lines_per_repair = self._aftersales_billing_sale_lines()
        invoice_types = ("out_invoice", "out_refund")
        # read the invoices of all the repairs at once, not repair by repair
        all_lines = self.env["sale.order.line"].union(*lines_per_repair.values())
        all_invoice_lines = all_lines.invoice_lines
        all_invoices = all_invoice_lines.move_id
        all_invoices.mapped("amount_residual")
        all_invoices.invoice_line_ids.mapped("sale_line_ids")
        for repair in self:
            lines = lines_per_repair.get(repair.id, self.env["sale.order.line"])
            lines = lines.filtered(lambda line: line.order_id.state != "cancel")
            invoice_lines = lines.invoice_lines.filtered(
                lambda aml: aml.parent_state == "posted" and aml.move_id.move_type in invoice_types
            )
            invoices = invoice_lines.move_id
            rounding = repair.currency_id.rounding or 0.01
            details = []
            charged = invoiced = residual = 0.0
            for line in lines:
                charged += line.price_total
                billed = sum(
                    aml.price_total * (-1 if aml.move_id.move_type == "out_refund" else 1)
                    for aml in line.invoice_lines & invoice_lines
                )
                if invoices and not float_is_zero(
                    billed - line.price_total, precision_rounding=rounding
                ):
                    details.append(
                        _(
                            "%(line)s: charged %(charged)s, invoiced %(invoiced)s",
                            line=line.name.split("\n")[0],
                            charged=format_amount(self.env, line.price_total, repair.currency_id),
                            invoiced=format_amount(self.env, billed, repair.currency_id),
                        )
                    )
            for invoice in invoices:
                sign = -1 if invoice.move_type == "out_refund" else 1
                own = invoice.invoice_line_ids & invoice_lines
                foreign = (invoice.invoice_line_ids - invoice_lines).filtered(
                    lambda aml: aml.display_type == "product"
                )
                extra = foreign.filtered(lambda aml: not aml.sale_line_ids)
                if not (foreign - extra):
                    # the whole invoice is this repair's (with lines typed on the invoice)
                    total = invoice.amount_total
                    share = 1.0
                    for aml in extra:
                        details.append(
                            _(
                                "%(line)s: not on the sale order, invoiced %(invoiced)s on "
                                "%(invoice)s",
                                line=(aml.name or aml.product_id.display_name).split("\n")[0],
                                invoiced=format_amount(
                                    self.env, sign * aml.price_total, repair.currency_id
                                ),
                                invoice=invoice.name,
                            )
                        )
                else:
                    total = sum(own.mapped("price_total"))
                    share = total / invoice.amount_total if invoice.amount_total else 0.0
                invoiced += sign * total
                residual += sign * invoice.amount_residual * share
            result[repair.id] = {
                "charged": charged,
                "invoiced": invoiced,
                "residual": residual,
                "has_invoice": bool(invoices),
                "details": details,
            }
        return result

    def _aftersales_posted_invoices(self):
        """Posted customer invoices and credit notes of the repairs' sale orders."""
        # sudo: only follows the links repair -> parts/labour -> sale lines -> invoices, which
        # an accountant may not read on the repair side; the invoices are returned in the
        # caller's environment.
        lines_per_repair = self.sudo()._aftersales_billing_sale_lines()
        lines = self.env["sale.order.line"].sudo().union(*lines_per_repair.values())
        invoices = lines.invoice_lines.move_id.filtered(
            lambda move: move.state == "posted" and move.move_type in ("out_invoice", "out_refund")
        )
        return invoices.with_env(self.env)

    def _aftersales_valuation_move_lines(self):
        """Journal items of the stock valuation of the repairs' moves (parts consumed, the
        unit moved back): the warranty cost of free repairs as booked by the accounting."""
        return self.env["account.move.line"].search(
            [
                ("move_id.stock_move_id.repair_id", "in", self.ids),
                ("parent_state", "=", "posted"),
            ]
        )

    @api.model
    def _cron_aftersales_invoice_reminder(self):
        """Daily: an activity for the responsible of each repair done and still not invoiced
        after the company's delay (once per repair, however often the cron runs)."""
        activity_type = self.env.ref(
            "aftersales_repair.mail_activity_type_repair_to_invoice", raise_if_not_found=False
        )
        if not activity_type:
            return
        now = fields.Datetime.now()
        repairs = self.search(
            [("state", "=", "done"), ("billing_status", "=", "to_invoice")]
        ).filtered(
            lambda r: (
                r.date_repaired
                and r.date_repaired
                <= now - timedelta(days=r.company_id.aftersales_invoice_delay_days or 7)
            )
        )
        if not repairs:
            return
        already = {
            res_id
            for (res_id,) in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", repairs.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        for repair in repairs.filtered(lambda r: r.id not in already):
            user = repair.user_id or repair.create_uid
            # the task in its user's language
            repair = repair.with_context(lang=user.lang or self.env.lang)
            repair.activity_schedule(
                act_type_xmlid="aftersales_repair.mail_activity_type_repair_to_invoice",
                user_id=user.id,
                note=repair.env._(
                    "Repair %(repair)s was repaired on %(date)s and charges %(amount)s but is "
                    "not invoiced yet.",
                    repair=repair.name,
                    date=fields.Date.to_date(repair.date_repaired),
                    amount=format_amount(self.env, repair.amount_charged, repair.currency_id),
                ),
            )
